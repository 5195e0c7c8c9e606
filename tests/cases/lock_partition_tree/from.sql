-- a two-level partition tree with a DEFAULT partition, keys, indexes and foreign keys both ways:
-- an index of the partitioned table dropped (its copies in every partition go, named as
-- PostgreSQL names them), one built online (ON ONLY, each partition's, ATTACH), a unique
-- index's copies (named _idx, INCLUDE columns too), a partition detached (the block drops its
-- copies of keys and foreign keys), one created, and the rollback of all of it
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id bigint NOT NULL, region text NOT NULL, placed date NOT NULL, customer_id bigint NOT NULL,
    total numeric(12,2),
    PRIMARY KEY (id, region, placed)
) PARTITION BY LIST (region);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE UNIQUE INDEX orders_u ON orders (region, placed, id) INCLUDE (total);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu') PARTITION BY RANGE (placed);
CREATE INDEX orders_eu_placed_idx ON orders_eu (placed);
CREATE TABLE orders_eu_2025 PARTITION OF orders_eu FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE orders_eu_2026 PARTITION OF orders_eu FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE orders_rest PARTITION OF orders DEFAULT;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
CREATE TABLE order_notes (
    order_id bigint NOT NULL, region text NOT NULL, placed date NOT NULL, note text,
    FOREIGN KEY (order_id, region, placed) REFERENCES orders (id, region, placed) ON DELETE CASCADE
);
INSERT INTO customers VALUES (1, 'a');
INSERT INTO orders VALUES (1, 'eu', '2025-03-01', 1, 10), (2, 'us', '2025-03-01', 1, 20), (3, 'xx', '2025-03-01', 1, 5);
