CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE VIEW active_customers AS SELECT id FROM customers;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES active_customers (id));
