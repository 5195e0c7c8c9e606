CREATE FUNCTION public._group_concat(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$ SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || '; ' || $2 END $_$;
CREATE FUNCTION public._group_concat_final(text) RETURNS varchar
    LANGUAGE sql IMMUTABLE AS $_$ SELECT $1::varchar $_$;
CREATE AGGREGATE public.group_concat(text) (
    SFUNC = public._group_concat,
    STYPE = text,
    FINALFUNC = _group_concat_final
);
create table film (title text, rating int);
create view film_titles as select rating, group_concat(title) as titles from film group by rating;
