CREATE TABLE regions (
    id integer PRIMARY KEY,
    name text
);
