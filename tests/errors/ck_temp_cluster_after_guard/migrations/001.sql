CREATE TYPE floatrange AS RANGE (SUBTYPE = float8);
CREATE TYPE keep_range AS RANGE (SUBTYPE = integer);
CREATE TABLE t (id integer, r keep_range);
