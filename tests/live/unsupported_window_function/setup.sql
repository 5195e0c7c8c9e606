\ir schema.sql
-- aggregates and operators are supported now: those here must not be reported; the window function still is
CREATE AGGREGATE add_all(integer) (SFUNC = int4pl, STYPE = integer);
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq);
CREATE FUNCTION rownum() RETURNS bigint WINDOW LANGUAGE internal AS 'window_row_number';
