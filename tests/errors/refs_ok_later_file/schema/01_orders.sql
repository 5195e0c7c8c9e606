-- Everything here is created by a later file of the directory.
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint REFERENCES shop.customers (id),
    state shop.order_state NOT NULL
);
CREATE VIEW order_customers AS
    SELECT o.id, c.name FROM orders o JOIN shop.customers c ON c.id = o.customer_id;
