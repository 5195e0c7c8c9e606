CREATE TABLE people (
    id integer PRIMARY KEY,
    name text NOT NULL,
    name_key text GENERATED ALWAYS AS (upper(btrim(name))) STORED
);
