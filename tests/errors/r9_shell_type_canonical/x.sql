CREATE TYPE r1;
CREATE FUNCTION r1_canon(r1) RETURNS r1 LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE r1 AS RANGE (subtype = int4, canonical = r1_canon);
