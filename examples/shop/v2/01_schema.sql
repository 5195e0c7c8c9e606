-- A small shop, as a team keeps it: one file per area, read in name order.
CREATE SCHEMA shop;

-- 'refunded' is new, added after 'shipped'; 'cancelled' goes between.
CREATE TYPE shop.order_status AS ENUM ('pending', 'paid', 'cancelled', 'shipped', 'refunded');
