CREATE TABLE flags (
    id integer PRIMARY KEY
);
