CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    tenant integer NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email, tenant) WITH (fillfactor = 80);
