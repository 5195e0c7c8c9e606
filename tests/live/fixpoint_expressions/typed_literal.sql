-- a literal of a date/time type: the catalog keeps the value in the type's own output
-- format, '2020-01-01'::date, '2020-01-01 10:00:00'::timestamp without time zone
CREATE SCHEMA typed_literal;
CREATE TABLE typed_literal.t (
    a date DEFAULT date '2020-1-1',
    d timestamp DEFAULT '2020-01-01 10:00',
    e date DEFAULT '2020-1-1'
);
