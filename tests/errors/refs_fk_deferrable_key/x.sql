CREATE TABLE customers (id bigint, code text UNIQUE DEFERRABLE);
CREATE TABLE orders (id bigint PRIMARY KEY, code text REFERENCES customers (code));
