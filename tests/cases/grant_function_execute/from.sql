CREATE FUNCTION reset_counter(name text) RETURNS void
LANGUAGE plpgsql
AS $$ BEGIN RAISE NOTICE 'reset %', name; END $$;

CREATE FUNCTION add(a int, b int) RETURNS int
LANGUAGE sql IMMUTABLE
AS 'SELECT a + b';

CREATE PROCEDURE nightly_job()
LANGUAGE sql
AS $$ SELECT 1 $$;
