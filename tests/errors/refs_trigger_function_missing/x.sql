CREATE TABLE tickets (id bigint PRIMARY KEY, updated timestamptz);
CREATE TRIGGER tickets_touch BEFORE UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION touch_updated();
