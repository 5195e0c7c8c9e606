-- A range type with a CANONICAL function: PostgreSQL takes only a C (or
-- internal) function there, written against a shell type.
CREATE TYPE public.r9_dayrange;
CREATE FUNCTION public.r9_dayrange_canon(public.r9_dayrange) RETURNS public.r9_dayrange
    LANGUAGE internal IMMUTABLE STRICT AS 'int4range_canonical';
CREATE TYPE public.r9_dayrange AS RANGE (subtype = int4, canonical = public.r9_dayrange_canon);
