CREATE TABLE b (id integer PRIMARY KEY);
CREATE TYPE b2 (INPUT = int4in, OUTPUT = int4out);
