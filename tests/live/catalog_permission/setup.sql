-- an ordinary role (no superuser, owns nothing) reads the catalog like pg_dump does
CREATE ROLE catalog_reader LOGIN;
\ir schema.sql
CREATE SEQUENCE counter;
CREATE TYPE colour AS ENUM ('red', 'green');
CREATE TABLE paint (id integer PRIMARY KEY, c colour DEFAULT 'red', n bigint DEFAULT nextval('counter'));
CREATE INDEX paint_c ON paint (c);
