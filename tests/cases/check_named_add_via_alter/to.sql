CREATE TABLE products (
    id integer PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    stock integer NOT NULL DEFAULT 0
);

ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price > 0);
