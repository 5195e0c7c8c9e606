CREATE TABLE items (
    id integer PRIMARY KEY,
    name text NOT NULL,
    price numeric(10,2) NOT NULL DEFAULT 0,
    sku varchar(20) UNIQUE
);
CREATE TABLE tags (
    item_id integer NOT NULL REFERENCES items (id),
    tag text NOT NULL
);
