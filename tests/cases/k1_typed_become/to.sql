CREATE TYPE person AS (id integer, name text);
CREATE TABLE people OF person (id WITH OPTIONS NOT NULL);
CREATE TABLE was_typed (id integer, name text, PRIMARY KEY (id));
