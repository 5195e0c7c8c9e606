CREATE TABLE t (id integer PRIMARY KEY, note text);
DO $$ BEGIN IF (SELECT count(*) FROM pg_catalog.pg_class) > 0 THEN RAISE NOTICE 'x'; END IF; END $$;
GRANT SELECT ON t TO app_reader;
