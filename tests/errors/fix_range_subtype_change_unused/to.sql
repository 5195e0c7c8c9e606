CREATE TABLE spans (id integer, r text);
CREATE TYPE numrange2 AS RANGE (SUBTYPE = integer);
