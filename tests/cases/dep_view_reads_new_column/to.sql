CREATE TABLE products (
    id int PRIMARY KEY,
    title text NOT NULL,
    price_cents integer NOT NULL DEFAULT 0
);

-- the column must exist before the view is replaced
CREATE VIEW product_titles AS SELECT id, title, price_cents / 100.0 AS price FROM products;
