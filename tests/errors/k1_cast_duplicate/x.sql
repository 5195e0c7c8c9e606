CREATE TYPE pair AS (x integer, y integer);
CREATE CAST (pair AS text) WITH INOUT;
CREATE CAST (public.pair AS pg_catalog.text) WITH INOUT AS IMPLICIT;
