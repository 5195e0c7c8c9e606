CREATE TABLE item (id integer PRIMARY KEY, qty integer);
INSERT INTO item VALUES (1, 3);
ALTER TABLE item ADD CONSTRAINT item_qty_check CHECK (qty > 0) NOT VALID;
CREATE TABLE line (id integer PRIMARY KEY, item_id integer);
ALTER TABLE line ADD CONSTRAINT line_item_id_fkey FOREIGN KEY (item_id) REFERENCES item (id) NOT VALID;
