CREATE TABLE orders (id integer PRIMARY KEY, qty integer, CONSTRAINT orders_qty_positive CHECK (qty > 0));
