CREATE TABLE b (id integer PRIMARY KEY);
CREATE TYPE fourbytes (INPUT = int4in, OUTPUT = int4out, LIKE = integer);
