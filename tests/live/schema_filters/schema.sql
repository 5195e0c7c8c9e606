CREATE SCHEMA app;
CREATE SCHEMA legacy;

CREATE TABLE app.users (
    id bigint PRIMARY KEY,
    email text NOT NULL
);
CREATE INDEX users_email ON app.users (email);

CREATE TABLE legacy.accounts (
    id integer PRIMARY KEY,
    login text NOT NULL DEFAULT 'guest'
);
