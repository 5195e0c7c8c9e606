-- 001
CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
-- 002: re-runnable
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'accounts_email_key') THEN
        ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
    END IF;
END $$;
-- 003: the same guard again (already there: nothing happens)
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'accounts_email_key') THEN
        ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
    END IF;
END $$;
-- 004
DO $$ BEGIN
    CREATE TYPE plan AS ENUM ('free', 'paid');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
    ALTER TABLE accounts ADD COLUMN plan plan NOT NULL DEFAULT 'free';
EXCEPTION WHEN duplicate_column THEN null;
END $$;
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relname = 'accounts') THEN
        EXECUTE 'CREATE INDEX IF NOT EXISTS accounts_plan_idx ON accounts (plan)';
    END IF;
END $$;
