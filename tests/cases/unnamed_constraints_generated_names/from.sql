CREATE TABLE parents (
    id integer PRIMARY KEY
);

CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text UNIQUE,
    qty integer CHECK (qty > 0),
    parent_id integer REFERENCES parents (id)
);
