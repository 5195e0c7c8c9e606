CREATE TABLE files (
    id integer PRIMARY KEY
);
