-- a typed table over a composite type; indexes on attributes the next state drops and retypes
CREATE TYPE person AS (id integer, name text, nick text);
CREATE TABLE people OF person (id WITH OPTIONS NOT NULL, PRIMARY KEY (id));
CREATE INDEX people_nick ON people (nick);
CREATE INDEX people_name ON people (name);
