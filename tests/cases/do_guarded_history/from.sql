-- 001
CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
-- 002: re-runnable
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'accounts_email_key') THEN
        ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
    END IF;
END $$;
