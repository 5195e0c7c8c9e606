CREATE DOMAIN code AS text DEFAULT 'x';
CREATE TABLE t (
    id integer PRIMARY KEY,
    a varchar(64),
    c numeric(10,2) DEFAULT 0,
    k code
);
