CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer text NOT NULL,
    total numeric NOT NULL
);
CREATE VIEW big_customers AS
    WITH sums AS (
        SELECT customer, sum(total) AS spent FROM orders GROUP BY customer
    )
    SELECT customer, spent FROM sums WHERE spent > 100;
CREATE VIEW statuses AS
    SELECT v.code, v.label FROM (VALUES (1, 'open'), (2, 'closed')) AS v(code, label);
CREATE VIEW days AS
    SELECT g.n * 2 AS twice, g.n FROM generate_series(1, 31) AS g(n);
CREATE VIEW orders_desc AS
    SELECT id, total FROM orders ORDER BY total USING >, id USING <;
CREATE VIEW customer_ids AS
    SELECT id FROM orders WHERE customer IN (SELECT customer FROM orders WHERE total > 10);
