CREATE TYPE person AS (id integer, name text);
CREATE TABLE people (id integer NOT NULL, name text);
CREATE TABLE was_typed OF person (PRIMARY KEY (id));
