CREATE TABLE parents (
    id integer PRIMARY KEY
);

CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text UNIQUE,
    qty integer CHECK (qty > 0) CHECK (qty < 1000),
    parent_id integer REFERENCES parents (id) ON DELETE CASCADE,
    price numeric CHECK (price >= 0),
    code text,
    region text,
    UNIQUE (code, region),
    CHECK (price > 0 OR qty > 1)
);
