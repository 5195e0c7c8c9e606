CREATE TYPE intrange2 AS RANGE (SUBTYPE = integer, CANONICAL = int4range_canonical);
