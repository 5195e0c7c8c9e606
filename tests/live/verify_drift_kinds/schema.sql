CREATE SCHEMA audit;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE SEQUENCE ticket_no;

CREATE TABLE people (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    mood mood,
    age integer CHECK (age >= 0)
);
CREATE INDEX people_name ON people (name);

CREATE TABLE audit.log (
    id bigint PRIMARY KEY,
    person_id integer REFERENCES people (id),
    at timestamptz NOT NULL
);
COMMENT ON TABLE audit.log IS 'who did what';
