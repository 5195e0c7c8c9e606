CREATE TABLE t (id int, s text);

DO $$
BEGIN
    ALTER TABLE t ADD COLUMN u text;
    UPDATE t SET u = s;
END $$;
