CREATE TABLE owners (
    id integer PRIMARY KEY
);

CREATE TABLE pets (
    id integer PRIMARY KEY,
    owner_id integer REFERENCES owners (id),
    tag text UNIQUE,
    age integer CHECK (age >= 0),
    name text,
    UNIQUE (owner_id, name)
);

CREATE INDEX ON pets (name);
CREATE INDEX ON pets (lower(name));
