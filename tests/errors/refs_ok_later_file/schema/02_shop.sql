CREATE SCHEMA shop;
CREATE TYPE shop.order_state AS ENUM ('new', 'paid');
CREATE TABLE shop.customers (id bigint PRIMARY KEY, name text);
