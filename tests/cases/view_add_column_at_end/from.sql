create table employees (
    id int primary key,
    full_name text not null,
    dept text not null,
    salary numeric(12,2)
);

create view staff_directory as
select id, full_name from employees;
