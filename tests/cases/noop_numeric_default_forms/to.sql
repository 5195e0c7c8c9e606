CREATE TABLE readings (
    id integer PRIMARY KEY,
    factor double precision DEFAULT '-1.5'::numeric,
    big bigint DEFAULT '9000000000'::bigint,
    huge double precision DEFAULT '25000000000'::numeric,
    ratio real DEFAULT 0.5,
    small smallint DEFAULT '-3'::integer,
    price numeric(10,2) DEFAULT 0
);
