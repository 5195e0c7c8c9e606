CREATE EXTENSION postgres_fdw;
-- the same options in another order, one changed, one added, one dropped
CREATE SERVER remote VERSION '15' FOREIGN DATA WRAPPER postgres_fdw OPTIONS (port '5433', dbname 'app', host 'b.example');
CREATE USER MAPPING FOR sd_reader SERVER remote OPTIONS (user 'reader2');
CREATE FOREIGN TABLE things (id integer, name text OPTIONS (column_name 'label')) SERVER remote OPTIONS (table_name 'things', schema_name 's');
CREATE FOREIGN DATA WRAPPER dummy OPTIONS (mode 'test');
ALTER FOREIGN DATA WRAPPER dummy OPTIONS (ADD fresh 'y');
