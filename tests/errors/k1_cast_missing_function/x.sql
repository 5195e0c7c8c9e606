CREATE SCHEMA conv;
CREATE TYPE pair AS (x integer, y integer);
CREATE CAST (pair AS text) WITH FUNCTION conv.pair_text(pair);
