CREATE TABLE products (
    id int PRIMARY KEY,
    title text NOT NULL
);

CREATE VIEW product_titles AS SELECT id, title FROM products;
