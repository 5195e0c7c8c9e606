CREATE TABLE readings (
    id integer PRIMARY KEY,
    factor double precision DEFAULT -1.5,
    big bigint DEFAULT 9000000000,
    huge double precision DEFAULT 2.5e10,
    ratio real DEFAULT 0.5,
    small smallint DEFAULT -3,
    price numeric(10,2) DEFAULT 0
);
