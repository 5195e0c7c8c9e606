-- The desired schema: what the database is right after a shadow-table cutover of orders
-- (its id became bigint), without schemadiff's own artefacts.
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id bigint REFERENCES customers,
    note text,
    amount numeric(12,2) CHECK (amount >= 0)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
CREATE PUBLICATION orders_pub FOR TABLE orders;
