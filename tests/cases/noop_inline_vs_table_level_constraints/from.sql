CREATE TABLE owners (
    id integer PRIMARY KEY
);

CREATE TABLE pets (
    id integer PRIMARY KEY,
    owner_id integer NOT NULL REFERENCES owners (id),
    tag text UNIQUE,
    age integer CHECK (age >= 0)
);
