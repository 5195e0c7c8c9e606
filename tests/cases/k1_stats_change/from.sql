CREATE TABLE orders (id integer PRIMARY KEY, city text, zip text, country text);
CREATE STATISTICS orders_geo (dependencies) ON zip, city FROM orders;
CREATE STATISTICS orders_keep ON city, country FROM orders;
