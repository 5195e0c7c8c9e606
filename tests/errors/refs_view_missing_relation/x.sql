CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE VIEW customer_orders AS
    SELECT c.id, o.total
    FROM customers c
    JOIN orders o ON o.customer_id = c.id;
