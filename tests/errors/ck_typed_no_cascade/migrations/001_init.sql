CREATE TYPE person AS (id integer, name text, nick text);
CREATE TABLE people OF person (id WITH OPTIONS NOT NULL, PRIMARY KEY (id));
CREATE TABLE staff OF person (PRIMARY KEY (id));
CREATE INDEX people_name ON people (name);
