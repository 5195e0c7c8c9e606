CREATE TYPE person AS (id int, name text);
CREATE TABLE people OF person;
ALTER TYPE person ADD ATTRIBUTE email text CASCADE;
