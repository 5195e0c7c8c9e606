CREATE TABLE employees (
    id int PRIMARY KEY,
    full_name text NOT NULL,
    dept text NOT NULL,
    salary numeric(12,2)
);

-- salary no longer exposed: a view cannot lose a column in place
CREATE VIEW staff_directory AS
    SELECT id, full_name, dept FROM employees;
