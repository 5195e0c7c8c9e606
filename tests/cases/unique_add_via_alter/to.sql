CREATE TABLE accounts (
    id integer PRIMARY KEY,
    username text NOT NULL
);

ALTER TABLE accounts ADD CONSTRAINT accounts_username_uq UNIQUE (username);
