CREATE TABLE products (
    id integer PRIMARY KEY,
    code text NOT NULL,
    title text
);
CREATE UNIQUE INDEX products_code ON products (code) INCLUDE (title);
CREATE TABLE stock (
    code text NOT NULL REFERENCES products (code),
    qty integer NOT NULL
);
