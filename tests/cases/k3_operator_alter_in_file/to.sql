CREATE FUNCTION lt_i(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a < b $$;
CREATE FUNCTION gt_i(a int, b int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a > b $$;
CREATE OPERATOR <<< (LEFTARG = int, RIGHTARG = int, FUNCTION = lt_i, COMMUTATOR = >>>);
CREATE OPERATOR >>> (LEFTARG = int, RIGHTARG = int, FUNCTION = gt_i, COMMUTATOR = <<<);
ALTER OPERATOR <<<(int, int) SET (RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
ALTER OPERATOR >>>(integer, integer) SET (RESTRICT = scalargtsel);
