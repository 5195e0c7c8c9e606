CREATE TABLE members (
    id integer PRIMARY KEY,
    handle text NOT NULL,
    email text UNIQUE,
    age integer CHECK (age >= 0)
);
