CREATE EXTENSION postgres_fdw;
CREATE SERVER one FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'one');
CREATE SERVER two FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'two');
CREATE FOREIGN TABLE things (id integer NOT NULL) SERVER two;
CREATE FOREIGN DATA WRAPPER w1;
CREATE FOREIGN DATA WRAPPER w2;
-- another wrapper: the server and its mapping are re-created
CREATE SERVER moving FOREIGN DATA WRAPPER w2;
CREATE USER MAPPING FOR sd_writer SERVER moving;
CREATE FOREIGN TABLE rides_along (id integer) SERVER moving OPTIONS (x '1');
COMMENT ON FOREIGN TABLE rides_along IS 'kept';
