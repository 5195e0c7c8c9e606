CREATE SCHEMA audit;
CREATE TYPE mood AS ENUM ('sad', 'ok');                               -- a label short
CREATE TABLE people (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,                                         -- a changed type
    mood mood,
    age integer CHECK (age > 0),                                       -- a changed check
    nickname text                                                      -- an extra column
);
-- no index people_name, no sequence ticket_no
CREATE TABLE audit.log (
    id bigint PRIMARY KEY,
    person_id integer,                                                 -- no foreign key
    at timestamptz                                                     -- nullable
);
COMMENT ON TABLE audit.log IS 'who did it';                           -- another comment
