CREATE SCHEMA inventory;

CREATE TABLE inventory.warehouses (
    id integer PRIMARY KEY,
    code char(4) NOT NULL UNIQUE,
    city text
);
