CREATE TYPE person AS (id int, name text);
ALTER TYPE person ALTER ATTRIBUTE nick TYPE varchar(20);
