CREATE TABLE t (id integer PRIMARY KEY, note text, at timestamptz);
ALTER TABLE t OWNER TO app_owner;
GRANT SELECT ON t TO app_reader;
GRANT UPDATE (note) ON t TO "App Writer", app_reader;
