CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer integer NOT NULL,
    placed date NOT NULL
);
CREATE INDEX orders_customer ON orders (customer, placed DESC);
COMMENT ON INDEX orders_customer IS 'lookups by customer';
