CREATE EXTENSION postgres_fdw;
CREATE SERVER remote VERSION '14' FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'a.example', dbname 'app', fetch_size '100');
CREATE USER MAPPING FOR sd_reader SERVER remote OPTIONS (user 'reader');
CREATE FOREIGN TABLE things (id integer OPTIONS (column_name 'a'), name text) SERVER remote OPTIONS (table_name 'things');
CREATE FOREIGN DATA WRAPPER dummy OPTIONS (mode 'test', old 'x');
