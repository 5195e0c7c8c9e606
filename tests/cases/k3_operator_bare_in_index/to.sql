CREATE FUNCTION absdiff(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) $$;
CREATE OPERATOR |-| (LEFTARG = int, RIGHTARG = int, FUNCTION = absdiff, COMMUTATOR = |-|);
CREATE TABLE t (a int, b int, CONSTRAINT close CHECK (a |-| b < 100));
CREATE INDEX t_diff ON t ((a |-| b));
CREATE TABLE u (a int, d int DEFAULT (1 |-| 5));
