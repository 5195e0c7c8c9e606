-- A wrapper and a server created, used, then renamed: the server, the user
-- mappings and the foreign table follow (PostgreSQL refers by OID).
CREATE FOREIGN DATA WRAPPER w0;
CREATE SERVER s0 FOREIGN DATA WRAPPER w0 OPTIONS (host 'b');
CREATE USER MAPPING FOR sd_reader SERVER s0 OPTIONS (user 'remote');
CREATE USER MAPPING FOR PUBLIC SERVER s0;
CREATE FOREIGN TABLE ft (id integer, note text) SERVER s0 OPTIONS (table_name 'items');
GRANT USAGE ON FOREIGN SERVER s0 TO sd_writer;
COMMENT ON SERVER s0 IS 'the hub';
ALTER FOREIGN DATA WRAPPER w0 RENAME TO feed;
ALTER SERVER s0 RENAME TO hub;
ALTER SERVER hub OPTIONS (ADD port '5433');
ALTER USER MAPPING FOR sd_reader SERVER hub OPTIONS (ADD dbname 'x');
