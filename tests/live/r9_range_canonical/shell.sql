CREATE TYPE r9_dayrange;
CREATE FUNCTION r9_dayrange_canon(r9_dayrange) RETURNS r9_dayrange
    LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE r9_dayrange AS RANGE (subtype = int4, canonical = r9_dayrange_canon);
