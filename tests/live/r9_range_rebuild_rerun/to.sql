CREATE FUNCTION float_diff(a double precision, b double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a - b';
CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float_diff);
CREATE TABLE spans (
    id integer PRIMARY KEY,
    r floatrange NOT NULL DEFAULT '[0,1)'::floatrange,
    rs floatrange[],
    mr floatmultirange
);
CREATE INDEX spans_r_idx ON spans USING gist (r);
CREATE VIEW wide_spans AS SELECT id, r FROM spans WHERE upper(r) - lower(r) > 10;
