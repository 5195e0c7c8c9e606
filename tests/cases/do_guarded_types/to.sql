DO $$
BEGIN
    CREATE TYPE mood AS ENUM ('happy', 'sad');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;

CREATE TABLE people (
    id int PRIMARY KEY,
    name text NOT NULL
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'people' AND column_name = 'current_mood') THEN
        ALTER TABLE people ADD COLUMN current_mood mood;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'people_name_idx') THEN
        CREATE INDEX people_name_idx ON people (name);
    END IF;
    EXECUTE 'COMMENT ON TABLE people IS ''everyone''';
END $$;
