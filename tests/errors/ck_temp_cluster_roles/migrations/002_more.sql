BEGIN;
ALTER TABLE t ADD COLUMN at timestamptz;
GRANT UPDATE (note) ON t TO "App Writer", app_reader;
ALTER TABLE t OWNER TO app_owner;
COMMIT;
