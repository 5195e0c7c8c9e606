CREATE FUNCTION public._group_concat(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$
SELECT CASE
  WHEN $2 IS NULL THEN $1
  WHEN $1 IS NULL THEN $2
  ELSE $1 || ', ' || $2
END
$_$;

CREATE AGGREGATE public.group_concat(text) (
    SFUNC = public._group_concat,
    STYPE = text
);
create aggregate int_sum(integer) (sfunc = int4pl, stype = int4, initcond = 0, parallel = safe);
create aggregate row_count(*) (sfunc = int8inc, stype = int8, initcond = '0');
create aggregate longest(name text) (sfunc = text_larger, stype = text, sortop = >, combinefunc = text_larger);
