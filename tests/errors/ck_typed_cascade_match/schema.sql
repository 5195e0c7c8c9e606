CREATE TYPE person AS (id bigint, name text, email text);
CREATE TABLE people OF person (id WITH OPTIONS NOT NULL, PRIMARY KEY (id));
CREATE TABLE staff OF person (PRIMARY KEY (id), email WITH OPTIONS DEFAULT 'x@example.com');
CREATE INDEX people_name ON people (name);
