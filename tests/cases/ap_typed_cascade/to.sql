-- ALTER TYPE ... CASCADE changes the table: a retyped, a dropped and an added attribute
CREATE TYPE person AS (id bigint, name varchar(200), email text);
CREATE TABLE people OF person (id WITH OPTIONS NOT NULL, email WITH OPTIONS DEFAULT 'x@example.com', PRIMARY KEY (id));
CREATE INDEX people_name ON people (name);
