CREATE TABLE users (
    id integer PRIMARY KEY,
    email text,
    CONSTRAINT users_email_key CHECK (email <> ''),
    UNIQUE (email)
);

CREATE INDEX users_email_idx ON users (email);
CREATE INDEX ON users (email);
