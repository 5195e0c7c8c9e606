CREATE TABLE users (
    id integer PRIMARY KEY,
    updated_at timestamptz
);

CREATE TRIGGER users_touch BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
