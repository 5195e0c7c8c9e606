CREATE TYPE pair AS (x integer, y integer);
CREATE FUNCTION pair_text(p pair) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT p.x::text';
CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair);
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE CAST (mood AS text) WITH INOUT AS ASSIGNMENT;
