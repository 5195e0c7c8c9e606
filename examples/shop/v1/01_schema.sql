-- A small shop, as a team keeps it: one file per area, read in name order.
CREATE SCHEMA shop;

CREATE TYPE shop.order_status AS ENUM ('pending', 'paid', 'shipped');
