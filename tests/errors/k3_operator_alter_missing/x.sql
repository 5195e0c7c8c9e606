CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
ALTER OPERATOR === (int, text) SET (RESTRICT = eqsel);
