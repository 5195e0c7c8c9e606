CREATE TABLE orders (id bigint PRIMARY KEY, note text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
-- What schemadiff itself leaves in a database (apply's history, a shadow table's state, its
-- sync function and the trigger that runs it on a user table): never read, never planned.
CREATE SCHEMA schemadiff;
CREATE TABLE schemadiff.history (id bigserial PRIMARY KEY, status text NOT NULL);
CREATE TYPE schemadiff.stage AS ENUM ('a', 'b');
CREATE FUNCTION schemadiff.sync_orders() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER _schemadiff_sync AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION schemadiff.sync_orders();
