\ir schema.sql
-- aggregates are supported now: the one here must not be reported; the operator still is
CREATE AGGREGATE add_all(integer) (SFUNC = int4pl, STYPE = integer);
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq);
