CREATE TABLE departments (
    id integer PRIMARY KEY,
    manager_id integer
);

CREATE TABLE employees (
    id integer PRIMARY KEY,
    department_id integer
);
