DO $$
BEGIN
    IF true THEN
        CREATE TABLE t (id int);
    END IF
END $$;
