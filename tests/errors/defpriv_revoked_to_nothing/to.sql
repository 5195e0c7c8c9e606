-- A migration history: what one file grants, a later one revokes again.
-- PostgreSQL then deletes the pg_default_acl entry, so this is the same
-- schema as from.sql: no change.
CREATE SCHEMA app;
CREATE SCHEMA legacy;
ALTER DEFAULT PRIVILEGES IN SCHEMA legacy GRANT ALL ON TABLES TO sd_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE sd_owner IN SCHEMA app GRANT USAGE ON SEQUENCES TO sd_writer;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sd_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE sd_owner IN SCHEMA app REVOKE USAGE ON SEQUENCES FROM sd_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA legacy REVOKE ALL ON TABLES FROM sd_writer;
ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM sd_reader;
