CREATE FUNCTION float_diff(a double precision, b double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a - b';
CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float_diff, MULTIRANGE_TYPE_NAME = floatranges);
CREATE TYPE keep_range AS RANGE (SUBTYPE = int4, SUBTYPE_OPCLASS = int4_ops);
CREATE TABLE t (id integer, r keep_range);
