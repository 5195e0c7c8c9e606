CREATE FUNCTION f_eq(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$;
CREATE FUNCTION f_eq2(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b OR a = -b $$;
CREATE OPERATOR <=> (LEFTARG = int, RIGHTARG = int, FUNCTION = f_eq, COMMUTATOR = <=>);
CREATE TABLE t (a int, b int);
CREATE VIEW v AS SELECT a <=> b AS same FROM t;
