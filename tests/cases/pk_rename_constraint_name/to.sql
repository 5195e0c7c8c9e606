CREATE TABLE regions (
    id integer CONSTRAINT regions_id_pk PRIMARY KEY,
    name text
);
