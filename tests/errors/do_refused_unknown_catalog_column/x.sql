CREATE TABLE t (id int);

-- relowner says who owns it: the model cannot decide that
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 't' AND relowner = '10') THEN
        DROP TABLE t;
    END IF;
END $$;
