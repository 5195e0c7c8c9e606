CREATE TABLE customers (id bigint, region int, PRIMARY KEY (id, region));
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint,
    FOREIGN KEY (customer_id) REFERENCES customers (id, region));
