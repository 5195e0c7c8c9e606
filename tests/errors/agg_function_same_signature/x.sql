CREATE FUNCTION total(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 $$;
CREATE AGGREGATE total(int4) (SFUNC = int4pl, STYPE = integer);
