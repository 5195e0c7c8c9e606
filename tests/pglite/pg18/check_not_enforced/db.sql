-- from 18, CHECK and FOREIGN KEY constraints can be NOT ENFORCED
CREATE TABLE orders (id integer PRIMARY KEY, qty integer, CONSTRAINT orders_qty_positive CHECK (qty > 0) NOT ENFORCED);
