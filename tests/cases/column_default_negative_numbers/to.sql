CREATE TABLE thermometers (
    id integer PRIMARY KEY,
    min_c integer DEFAULT -40,
    offset_c numeric(5,2) DEFAULT -0.25,
    factor double precision DEFAULT -1.5,
    big bigint DEFAULT -9223372036854775808
);
