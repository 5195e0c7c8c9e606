CREATE SCHEMA app;
CREATE TYPE public.kind AS ENUM ('a');

-- the type exists in public, not in app: the block creates app.kind
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = 'app' AND t.typname = 'kind') THEN
        CREATE TYPE app.kind AS ENUM ('b');
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'audit') THEN
        CREATE SCHEMA audit;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'items_pkey') THEN
        CREATE TABLE app.items (id int CONSTRAINT items_pkey PRIMARY KEY, k app.kind);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'items_pkey') THEN
        CREATE TABLE app.never_created (id int);
    END IF;
END $$;
