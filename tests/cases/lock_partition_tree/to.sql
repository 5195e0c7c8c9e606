CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (
    id bigint NOT NULL, region text NOT NULL, placed date NOT NULL, customer_id bigint NOT NULL,
    total numeric(12,2),
    PRIMARY KEY (id, region, placed)
) PARTITION BY LIST (region);
CREATE INDEX orders_total_idx ON orders (total);
CREATE UNIQUE INDEX orders_u ON orders (region, placed, id) INCLUDE (total);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu') PARTITION BY RANGE (placed);
CREATE INDEX orders_eu_placed_idx ON orders_eu (placed, customer_id);
CREATE TABLE orders_eu_2025 (
    id bigint NOT NULL, region text NOT NULL, placed date NOT NULL, customer_id bigint NOT NULL,
    total numeric(12,2)
);
CREATE TABLE orders_eu_2026 PARTITION OF orders_eu FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE orders_eu_2027 PARTITION OF orders_eu FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');
CREATE TABLE orders_rest PARTITION OF orders DEFAULT;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
CREATE TABLE order_notes (
    order_id bigint NOT NULL, region text NOT NULL, placed date NOT NULL, note text,
    FOREIGN KEY (order_id, region, placed) REFERENCES orders (id, region, placed) ON DELETE CASCADE
);
