CREATE TABLE users (
    id integer PRIMARY KEY,
    email text,
    CONSTRAINT users_email_key CHECK (email <> '')
);

CREATE INDEX users_email_idx ON users (email);
