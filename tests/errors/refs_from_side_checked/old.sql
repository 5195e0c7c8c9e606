CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customer (id));
