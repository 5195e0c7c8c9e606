CREATE TABLE products (
    id integer PRIMARY KEY,
    title text NOT NULL,
    price numeric(10,2) NOT NULL
);
