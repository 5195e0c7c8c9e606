ALTER TABLE accounts ADD COLUMN plan text;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('COMMENT ON TABLE %I IS %L', r.tablename, 'audited');
    END LOOP;
END $$;
