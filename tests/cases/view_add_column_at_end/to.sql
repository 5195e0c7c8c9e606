create table employees (
    id int primary key,
    full_name text not null,
    dept text not null,
    salary numeric(12,2)
);

-- a new column at the end: CREATE OR REPLACE VIEW can do this in place
create view staff_directory as
select id, full_name, dept from employees;
