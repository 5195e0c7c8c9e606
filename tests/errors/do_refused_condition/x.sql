CREATE TABLE t (id int);

DO $$
BEGIN
    IF (SELECT count(*) FROM t) = 0 THEN
        DROP TABLE t;
    END IF;
END $$;
