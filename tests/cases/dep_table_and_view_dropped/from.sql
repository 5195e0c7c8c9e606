CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE legacy_orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    total numeric(12,2)
);

CREATE VIEW legacy_order_totals AS
    SELECT c.name, sum(o.total) AS total
    FROM legacy_orders o
    JOIN customers c ON c.id = o.customer_id
    GROUP BY c.name;

CREATE VIEW top_legacy_customers AS
    SELECT name FROM legacy_order_totals ORDER BY total DESC LIMIT 10;
