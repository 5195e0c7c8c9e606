CREATE TABLE items (id int PRIMARY KEY, name text, qty int);
CREATE TABLE items_log (id int, name text, at timestamptz DEFAULT now());
CREATE RULE log_insert AS ON INSERT TO items DO ALSO INSERT INTO items_log (id, name) VALUES (NEW.id, NEW.name);
CREATE RULE no_delete AS ON DELETE TO items WHERE OLD.qty > 0 DO INSTEAD NOTHING;
CREATE RULE upd AS ON UPDATE TO items DO ALSO UPDATE items_log SET name = NEW.name WHERE id = OLD.id;
ALTER TABLE items DISABLE RULE upd;
COMMENT ON RULE no_delete ON items IS 'keep stocked items';
