-- The user's schema: one table with a trigger of its own.
CREATE TABLE orders (id bigint PRIMARY KEY, note text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
