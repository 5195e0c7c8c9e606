CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE VIEW big_customers AS
    SELECT id FROM customers WHERE id IN (SELECT customer_id FROM order_totals);
