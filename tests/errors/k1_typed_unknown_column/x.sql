CREATE TYPE person AS (id integer, name text);
CREATE TABLE people OF person (
    id WITH OPTIONS NOT NULL,
    email WITH OPTIONS DEFAULT ''
);
