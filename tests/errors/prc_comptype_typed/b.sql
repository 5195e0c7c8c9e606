-- the state a.sql builds: ALTER TYPE ... CASCADE gave the typed table the new column too
CREATE TYPE person AS (id int, name text, email text);
CREATE TABLE people OF person;
