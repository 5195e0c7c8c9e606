CREATE DOMAIN hours AS interval hour;
CREATE TABLE spans (
    id integer PRIMARY KEY,
    a interval(2),
    b interval day to second(3),
    c interval year to month,
    d interval minute to second,
    e interval second(0)[],
    f hours
);
CREATE TYPE span_pair AS (lo interval day, hi interval(4));
