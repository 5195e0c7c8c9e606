COMMENT ON SCHEMA "public" IS 'standard public schema';
CREATE TABLE t (id integer);
