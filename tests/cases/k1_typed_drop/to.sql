CREATE TYPE person AS (id integer, name text, born date);
