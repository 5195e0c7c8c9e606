CREATE SCHEMA geo;

CREATE TABLE geo.places (
    id bigint PRIMARY KEY,
    name text NOT NULL
);
