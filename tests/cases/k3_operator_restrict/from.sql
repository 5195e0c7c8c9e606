CREATE FUNCTION public.approx_eq(a numeric, b numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(a - b) < 0.01 $$;
CREATE OPERATOR public.~= (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = approx_eq, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
