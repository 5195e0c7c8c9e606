CREATE TABLE thermometers (
    id integer PRIMARY KEY,
    min_c integer,
    offset_c numeric(5,2),
    factor double precision,
    big bigint
);
