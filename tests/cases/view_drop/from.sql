CREATE TABLE products (
    id integer PRIMARY KEY,
    title text NOT NULL,
    price numeric(10,2) NOT NULL
);

CREATE VIEW cheap_products AS
SELECT id, title, price FROM products WHERE price < 10;
