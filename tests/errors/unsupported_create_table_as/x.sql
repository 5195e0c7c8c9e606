CREATE TABLE users (
    id integer PRIMARY KEY,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE active_users AS SELECT id FROM users WHERE active;
