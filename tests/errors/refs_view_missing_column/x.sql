CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric);
ALTER TABLE orders DROP COLUMN total;
CREATE VIEW customer_totals AS
    SELECT c.name, sum(o.total) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.name;
