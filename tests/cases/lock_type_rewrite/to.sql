CREATE TABLE r (
    id integer PRIMARY KEY,
    n bigint,
    s integer,
    price numeric(8,3),
    c text,
    token double precision DEFAULT random(),
    flag boolean DEFAULT true
);
CREATE INDEX r_n ON r (n);
CREATE UNLOGGED TABLE lg (id integer PRIMARY KEY, v text);
