CREATE TABLE posts (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    updated_at timestamptz,
    updated_by name
);

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;

CREATE TRIGGER posts_stamp BEFORE INSERT OR UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
