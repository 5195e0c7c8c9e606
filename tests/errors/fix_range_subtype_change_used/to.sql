CREATE TABLE spans (id integer, r numrange2);
CREATE TYPE numrange2 AS RANGE (SUBTYPE = integer);
