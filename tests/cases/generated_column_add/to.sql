CREATE TABLE people (
    id integer PRIMARY KEY,
    name text NOT NULL,
    height_cm numeric(5,1),
    name_lower text GENERATED ALWAYS AS (lower(name)) STORED,
    height_in numeric GENERATED ALWAYS AS (height_cm / 2.54) STORED
);

CREATE UNIQUE INDEX people_name_lower_idx ON people (name_lower);
