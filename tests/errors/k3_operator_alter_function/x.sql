CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
ALTER OPERATOR === (int, int) SET (FUNCTION = int4ne);
