CREATE TABLE t (id integer PRIMARY KEY, name text);
CREATE TYPE span AS RANGE (subtype = int4, subtype_opclass = int4_ops);
CREATE TYPE pair AS (a integer, b integer);
CREATE FUNCTION pair_text(p pair) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT p.a || '','' || p.b';
CREATE CAST (pair AS text) WITH FUNCTION pair_text AS ASSIGNMENT;
CREATE STATISTICS t_stats (ndistinct) ON id, name FROM t;
ALTER STATISTICS t_stats SET STATISTICS 200;
COMMENT ON STATISTICS t_stats IS 'id and name';
