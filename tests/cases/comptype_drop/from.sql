CREATE SCHEMA geo;

CREATE TYPE geo.lat_lon AS (lat double precision, lon double precision);

CREATE TYPE geo.unused_pair AS (a int, b int);

CREATE TABLE geo.places (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    position geo.lat_lon
);
