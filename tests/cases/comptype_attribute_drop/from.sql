CREATE TYPE full_name AS (
    first_name text,
    middle_name text,
    last_name text
);

CREATE FUNCTION display_name(n full_name) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT n.first_name || ' ' || n.last_name $$;
