CREATE FUNCTION reset_counter(name text) RETURNS void
LANGUAGE plpgsql
AS $$ BEGIN RAISE NOTICE 'reset %', name; END $$;

CREATE FUNCTION add(a int, b int) RETURNS int
LANGUAGE sql IMMUTABLE
AS 'SELECT a + b';

CREATE PROCEDURE nightly_job()
LANGUAGE sql
AS $$ SELECT 1 $$;

-- not for everyone any more
REVOKE EXECUTE ON FUNCTION reset_counter(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reset_counter(text) TO sd_owner;

REVOKE ALL ON PROCEDURE nightly_job() FROM public;
GRANT EXECUTE ON PROCEDURE nightly_job() TO sd_writer;

-- add() keeps the default EXECUTE for PUBLIC
GRANT EXECUTE ON FUNCTION add(integer, integer) TO sd_reader;
