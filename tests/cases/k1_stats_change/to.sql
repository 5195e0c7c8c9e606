CREATE TABLE orders (id integer PRIMARY KEY, city text, zip text, country text, region text);
CREATE STATISTICS orders_geo (dependencies, mcv) ON zip, city, region FROM orders;
CREATE STATISTICS orders_keep (ndistinct, dependencies, mcv) ON country, city FROM orders;
