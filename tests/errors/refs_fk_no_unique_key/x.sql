CREATE TABLE customers (id bigint PRIMARY KEY, email text, region text);
CREATE UNIQUE INDEX customers_email_lower ON customers (lower(email));
CREATE UNIQUE INDEX customers_region_partial ON customers (region) WHERE region IS NOT NULL;
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    email text REFERENCES customers (email),
    region text REFERENCES customers (region)
);
