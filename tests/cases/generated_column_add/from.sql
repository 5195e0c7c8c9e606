CREATE TABLE people (
    id integer PRIMARY KEY,
    name text NOT NULL,
    height_cm numeric(5,1)
);
