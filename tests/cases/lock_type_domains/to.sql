CREATE DOMAIN v3 AS varchar(3);
CREATE DOMAIN v5 AS varchar(5);
CREATE DOMAIN tx AS text;
CREATE TABLE d (
    id integer PRIMARY KEY,
    a varchar,          -- a domain relabelled to its base: no typmod to coerce
    b text,
    e v5,               -- into a domain without constraints over a wider base
    f tx,
    g timetz(4),        -- time_support
    h bit varying,      -- binary coercible; bit_ops -> varbit_ops: index built again
    i oid,              -- binary coercible; int4_ops -> oid_ops: index built again
    j timestamptz,      -- in UTC; timestamp_ops -> timestamptz_ops
    k interval,         -- interval_support
    l time(4)
);
CREATE INDEX d_a ON d (a);
CREATE INDEX d_b ON d (b);
CREATE INDEX d_e ON d (e);
CREATE INDEX d_f ON d (f);
CREATE INDEX d_g ON d (g);
CREATE INDEX d_h ON d (h);
CREATE INDEX d_i ON d (i);
CREATE INDEX d_j ON d (j);
CREATE INDEX d_k ON d (k);
CREATE INDEX d_l ON d (l);
