CREATE SCHEMA geo;
CREATE FUNCTION geo.abs_lt(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a) < abs(b) $$;
CREATE FUNCTION geo.abs_le(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a) <= abs(b) $$;
CREATE FUNCTION geo.abs_eq(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a) = abs(b) $$;
CREATE FUNCTION geo.abs_ge(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a) >= abs(b) $$;
CREATE FUNCTION geo.abs_gt(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a) > abs(b) $$;
CREATE FUNCTION geo.abs_cmp(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN abs(a) < abs(b) THEN -1 WHEN abs(a) > abs(b) THEN 1 ELSE 0 END $$;
CREATE OPERATOR geo.<# (LEFTARG = int, RIGHTARG = int, FUNCTION = geo.abs_lt);
CREATE OPERATOR geo.<=# (LEFTARG = int, RIGHTARG = int, FUNCTION = geo.abs_le);
CREATE OPERATOR geo.=# (LEFTARG = int, RIGHTARG = int, FUNCTION = geo.abs_eq);
CREATE OPERATOR geo.>=# (LEFTARG = int, RIGHTARG = int, FUNCTION = geo.abs_ge);
CREATE OPERATOR geo.># (LEFTARG = int, RIGHTARG = int, FUNCTION = geo.abs_gt);
CREATE OPERATOR CLASS geo.abs_ops FOR TYPE int USING btree AS
    OPERATOR 1 geo.<#, OPERATOR 2 geo.<=#, OPERATOR 3 geo.=#, OPERATOR 4 geo.>=#, OPERATOR 5 geo.>#,
    FUNCTION 1 geo.abs_cmp(int, int);
COMMENT ON OPERATOR CLASS geo.abs_ops USING btree IS 'by absolute value';
CREATE OPERATOR FAMILY geo.hash_fam USING hash;
CREATE OPERATOR CLASS geo.int_hash FOR TYPE int USING hash FAMILY geo.hash_fam AS
    OPERATOR 1 =, FUNCTION 1 hashint4(int);
CREATE TABLE geo.pts (x int);
CREATE INDEX pts_abs ON geo.pts (x geo.abs_ops);
