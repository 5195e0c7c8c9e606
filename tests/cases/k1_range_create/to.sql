CREATE TABLE keep (id integer PRIMARY KEY);
CREATE FUNCTION time_subtype_diff(x time, y time) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT EXTRACT(EPOCH FROM (x - y))';
CREATE TYPE timerange AS RANGE (subtype = time, subtype_diff = time_subtype_diff);
CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_OPCLASS = float8_ops);
CREATE TYPE textrange AS RANGE (SUBTYPE = text, COLLATION = "C", MULTIRANGE_TYPE_NAME = text_ranges);
CREATE TYPE num_span AS RANGE (subtype = numeric);
CREATE TABLE shifts (
    id integer PRIMARY KEY,
    during timerange NOT NULL,
    breaks timemultirange,
    scores floatrange[],
    names textrange,
    spans num_span_multirange,
    EXCLUDE USING gist (during WITH &&)
);
CREATE INDEX shifts_names ON shifts USING gist (names);
CREATE VIEW long_shifts AS SELECT id, during FROM shifts WHERE NOT isempty(during) AND upper_inf(during) = false;
CREATE FUNCTION shift_of(r timerange) RETURNS integer LANGUAGE sql STABLE AS 'SELECT id FROM shifts WHERE during = r';
