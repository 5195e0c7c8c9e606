CREATE TABLE accounts (
    id integer PRIMARY KEY,
    username text NOT NULL UNIQUE
);
