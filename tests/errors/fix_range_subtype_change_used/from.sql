CREATE TYPE numrange2 AS RANGE (SUBTYPE = float8);
CREATE TABLE spans (id integer, r numrange2);
