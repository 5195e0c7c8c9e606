CREATE TABLE users (
    id integer PRIMARY KEY
);

CREATE AGGREGATE total (integer) (
    SFUNC = int4pl, STYPE = integer
);

CREATE OPERATOR === (
    LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq
);

CREATE TYPE fourbytes (
    INPUT = int4in, OUTPUT = int4out, LIKE = integer
);
