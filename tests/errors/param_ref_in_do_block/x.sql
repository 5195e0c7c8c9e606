DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'prices') THEN
        CREATE TABLE prices (amount numeric CHECK (amount > $1));
    END IF;
END
$$;
