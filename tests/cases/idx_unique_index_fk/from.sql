CREATE TABLE products (
    id integer PRIMARY KEY,
    code text NOT NULL,
    title text
);
CREATE UNIQUE INDEX products_code ON products (code);
CREATE TABLE stock (
    code text NOT NULL REFERENCES products (code),
    qty integer NOT NULL
);
INSERT INTO products SELECT g, 'p' || g, NULL FROM generate_series(1, 30) g;
INSERT INTO stock SELECT 'p' || (1 + g % 30), g FROM generate_series(1, 90) g;
