CREATE TABLE departments (
    id integer PRIMARY KEY,
    manager_id integer
);

CREATE TABLE employees (
    id integer PRIMARY KEY,
    department_id integer
);

ALTER TABLE employees ADD CONSTRAINT employees_department_fk FOREIGN KEY (department_id) REFERENCES departments (id);
ALTER TABLE departments ADD CONSTRAINT departments_manager_fk FOREIGN KEY (manager_id) REFERENCES employees (id);
