CREATE TABLE t (id int);

DO $$
BEGIN
    FOR i IN 1..3 LOOP
        EXECUTE 'CREATE TABLE t' || i || ' (id int)';
    END LOOP;
END $$;
