-- a type created by an earlier migration, guarded the way migration tools write it
CREATE TYPE mood AS ENUM ('happy', 'sad');

DO $$
BEGIN
    CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;

DO $$ BEGIN
    CREATE TYPE status AS ENUM ('on', 'off');
EXCEPTION WHEN duplicate_object THEN null;
END $$;

CREATE TABLE t (id int PRIMARY KEY, m mood, s status);
