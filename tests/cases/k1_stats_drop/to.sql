CREATE TABLE orders (id integer PRIMARY KEY, city text, zip text, country text, total numeric);
