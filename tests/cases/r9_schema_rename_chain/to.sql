-- Renamed twice (app -> core -> lib), then the old name is used again for
-- a new schema, which is renamed in turn; search_path, a DO block's DDL and
-- a regclass literal follow the schema they meant.
CREATE SCHEMA app;
SET search_path = app, public;
CREATE TABLE t (id integer PRIMARY KEY);
CREATE TABLE u (id integer PRIMARY KEY, t_id integer REFERENCES t (id));
DO $$ BEGIN
    CREATE TYPE app.kind AS ENUM ('a', 'b');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
ALTER TABLE u ADD COLUMN k app.kind;
COMMENT ON COLUMN app.u.t_id IS 'see app.t (a comment keeps its text)';
RESET search_path;
ALTER SCHEMA app RENAME TO core;
ALTER SCHEMA core RENAME TO lib;
CREATE SCHEMA app;
CREATE TABLE app.t (id integer PRIMARY KEY, lib_t integer REFERENCES lib.t (id));
CREATE SEQUENCE app.s;
ALTER TABLE app.t ALTER COLUMN id SET DEFAULT nextval('app.s'::regclass);
ALTER SCHEMA app RENAME TO fresh;
