-- Objects of extensions are not in the model: their types, tables and
-- functions must not be taken for unsatisfiable references.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pg_cron;
CREATE TABLE places (
    id bigint PRIMARY KEY,
    email citext UNIQUE,
    tags hstore,
    embedding vector(3),
    geom extensions.geometry(Point, 4326),
    srid int REFERENCES extensions.spatial_ref_sys (srid),
    area double precision GENERATED ALWAYS AS (extensions.st_area(geom)) STORED
);
CREATE INDEX places_embedding ON places USING hnsw (embedding vector_l2_ops);
-- pg_cron's own schema, which no file creates
CREATE VIEW jobs AS SELECT jobid, schedule FROM cron.job;
CREATE VIEW catalog_bits AS
    SELECT c.relname, t.table_name
    FROM pg_class c JOIN information_schema.tables t ON t.table_name = c.relname::text
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace;
CREATE FUNCTION near(p extensions.geometry) RETURNS SETOF places LANGUAGE sql
    AS $$ SELECT * FROM places WHERE extensions.st_dwithin(geom, p, 10) $$;
