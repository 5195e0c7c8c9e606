CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example', dbname 'app', port '5432');
COMMENT ON SERVER remote IS 'the app database';
GRANT USAGE ON FOREIGN SERVER remote TO sd_reader;
CREATE USER MAPPING FOR sd_reader SERVER remote OPTIONS (user 'reader');
CREATE USER MAPPING FOR PUBLIC SERVER remote;
CREATE FOREIGN TABLE things (
    id integer OPTIONS (column_name 'thing_id') NOT NULL,
    name text DEFAULT 'unnamed',
    CONSTRAINT name_not_empty CHECK (name <> '')
) SERVER remote OPTIONS (schema_name 'public', table_name 'things');
COMMENT ON FOREIGN TABLE things IS 'things, remotely';
COMMENT ON COLUMN things.name IS 'its name';
GRANT SELECT ON things TO sd_reader;
CREATE FOREIGN DATA WRAPPER dummy OPTIONS (mode 'test');
COMMENT ON FOREIGN DATA WRAPPER dummy IS 'a wrapper without handler';
CREATE SERVER local TYPE 'kind' VERSION '1.0' FOREIGN DATA WRAPPER dummy;
