CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint,
    FOREIGN KEY (customer_id) REFERENCES customers (customer_id)
);
