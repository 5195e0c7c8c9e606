CREATE AGGREGATE total(integer) (
    SFUNC = int4pl,
    STYPE = integer,
    FINALFUNK = int4abs
);
