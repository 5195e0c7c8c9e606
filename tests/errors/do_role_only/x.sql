DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app_user') THEN
        CREATE ROLE app_user LOGIN;
    END IF;
END $$;

DO $$
BEGIN
    CREATE ROLE reporting;
EXCEPTION WHEN duplicate_object THEN null;
END $$;

CREATE TABLE t (id int);
