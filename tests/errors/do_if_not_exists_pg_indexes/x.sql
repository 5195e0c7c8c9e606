CREATE TABLE users (
    id integer PRIMARY KEY
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'users_id_idx') THEN
        CREATE INDEX users_id_idx ON users (id);
    END IF;
END
$$;
