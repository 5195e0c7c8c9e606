DO $$
BEGIN
    CREATE TABLE t (id int);
EXCEPTION WHEN duplicate_table THEN
    RAISE NOTICE 'exists';
END $$;
