-- hand-written first migration
CREATE SCHEMA app;
CREATE TABLE app.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
DO $$ BEGIN
    CREATE TYPE app.mood AS ENUM ('ok', 'meh');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
