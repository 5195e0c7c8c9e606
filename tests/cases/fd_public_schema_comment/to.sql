COMMENT ON SCHEMA "public" IS 'the application schema';
CREATE TABLE t (id integer);
