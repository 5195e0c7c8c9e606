-- PostgreSQL stores DEFAULT NULL where a type modifier or a domain coerces the null
-- (pg_dump prints DEFAULT NULL::character varying); a bare one on integer or text it drops.
CREATE DOMAIN code AS text DEFAULT 'x';
CREATE TABLE t (
    id integer PRIMARY KEY,
    a varchar(64) DEFAULT NULL,
    b varchar(10) DEFAULT NULL::character varying,
    c numeric(10,2) DEFAULT NULL,
    d integer DEFAULT NULL,
    e text DEFAULT NULL::text,
    k code DEFAULT NULL
);
-- a null cast from another type is relabelled, hence stored; one cast to the column's own type is not
ALTER TABLE t ADD COLUMN f text DEFAULT NULL::character varying;
ALTER TABLE t ADD COLUMN g bigint DEFAULT NULL::integer;
ALTER TABLE t ADD COLUMN h integer DEFAULT NULL::integer;
