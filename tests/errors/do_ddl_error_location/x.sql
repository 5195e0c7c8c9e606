CREATE TABLE t (id int);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 't') THEN
        ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES nosuch (id);
        ALTER TABLE t ALTER COLUMN nosuch SET NOT NULL;
    END IF;
END $$;
