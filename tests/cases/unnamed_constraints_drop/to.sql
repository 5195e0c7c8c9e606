CREATE TABLE parents (
    id integer PRIMARY KEY
);

CREATE TABLE items (
    id integer,
    sku text,
    qty integer,
    parent_id integer,
    price numeric,
    code text,
    region text
);
