CREATE SCHEMA app;
CREATE TABLE app.items (sku text NOT NULL, c numeric(10,2), b text, a integer, CONSTRAINT items_sku_key UNIQUE (sku));
