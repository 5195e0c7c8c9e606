CREATE TYPE person AS (id integer, name text, born date);
CREATE TABLE people OF person (
    id WITH OPTIONS NOT NULL,
    name WITH OPTIONS DEFAULT 'nobody',
    PRIMARY KEY (id)
);
CREATE TABLE more_people OF person;
CREATE UNIQUE INDEX more_people_name ON more_people (name);
COMMENT ON TABLE people IS 'typed';
CREATE VIEW named AS SELECT id, name FROM people;
