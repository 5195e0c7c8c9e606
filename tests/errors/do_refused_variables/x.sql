DO $$
DECLARE
    n int := 3;
BEGIN
    CREATE TABLE t (id int);
END $$;
