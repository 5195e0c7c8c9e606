\ir schema.sql
CREATE AGGREGATE add_all(integer) (SFUNC = int4pl, STYPE = integer);
