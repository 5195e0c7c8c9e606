CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer integer NOT NULL,
    placed date NOT NULL
);
INSERT INTO orders SELECT g, g % 10, DATE '2024-01-01' + g % 300 FROM generate_series(1, 500) g;
CREATE INDEX orders_customer ON orders (customer);
COMMENT ON INDEX orders_customer IS 'lookups by customer';
