CREATE TABLE employees (
    id int PRIMARY KEY,
    full_name text NOT NULL,
    dept text NOT NULL,
    salary numeric(12,2)
);

CREATE VIEW staff_directory AS
    SELECT id, full_name, dept, salary FROM employees;
