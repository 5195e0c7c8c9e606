CREATE FUNCTION plus_one(int) RETURNS int LANGUAGE sql RETURN $1 + 1;
CREATE TABLE products (
    id integer PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    CONSTRAINT products_price_check CHECK (price > $1)
);
