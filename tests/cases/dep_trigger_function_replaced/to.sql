CREATE TABLE posts (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    updated_at timestamptz,
    updated_by name
);

-- a new, more general function (with a trigger argument) replaces set_updated_at,
-- which is dropped once the trigger no longer uses it
CREATE FUNCTION stamp_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    IF TG_NARGS > 0 AND TG_ARGV[0] = 'with_user' THEN
        NEW.updated_by := current_user;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER posts_stamp BEFORE INSERT OR UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION stamp_row('with_user');
