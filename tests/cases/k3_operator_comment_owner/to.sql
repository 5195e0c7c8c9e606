CREATE FUNCTION public.cat(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a || b $$;
CREATE OPERATOR public.<+> (LEFTARG = text, RIGHTARG = text, FUNCTION = public.cat);
COMMENT ON OPERATOR public.<+>(text, text) IS 'concatenates';
ALTER OPERATOR public.<+>(text, text) OWNER TO postgres;
