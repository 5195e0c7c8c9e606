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
