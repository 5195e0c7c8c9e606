CREATE SCHEMA app;
CREATE TABLE app.items (sku text NOT NULL, a integer, b text, c numeric(10,2), CONSTRAINT items_sku_key UNIQUE (sku));
