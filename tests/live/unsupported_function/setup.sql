\ir schema.sql
CREATE FUNCTION add_one(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT $1 + 1$$;
