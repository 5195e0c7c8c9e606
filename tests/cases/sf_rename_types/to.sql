-- a migration history that renames types, values, attributes and functions
CREATE TYPE state AS ENUM ('sad', 'ok', 'glad');
ALTER TYPE state RENAME VALUE 'glad' TO 'happy';
CREATE TABLE people (id int PRIMARY KEY, feeling state DEFAULT 'ok'::state,
                     moods state[] CHECK (cardinality(moods) < 5));
ALTER TYPE state RENAME TO mood;
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE pair AS (left_one int, right_one int);
ALTER TYPE pair RENAME ATTRIBUTE left_one TO first;
ALTER TYPE pair RENAME TO couple;
ALTER DOMAIN posint RENAME TO positive;
ALTER TABLE people ADD COLUMN age positive, ADD COLUMN both_ couple;
CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
CREATE TABLE nums (n int, d int GENERATED ALWAYS AS (twice(n)) STORED, CHECK (twice(n) < 100));
CREATE INDEX nums_twice_idx ON nums (twice(n));
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER nums_touch BEFORE INSERT ON nums FOR EACH ROW EXECUTE FUNCTION touch();
ALTER FUNCTION twice(int) RENAME TO doubled;
ALTER FUNCTION touch RENAME TO touched;
