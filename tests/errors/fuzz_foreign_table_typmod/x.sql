CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw;
CREATE FOREIGN TABLE things (id integer, oteger OPTIONS (column_name 'a'), name text) SERVER remote;
