CREATE FUNCTION side_effect() RETURNS int LANGUAGE plpgsql AS $$ BEGIN ALTER TABLE t ADD COLUMN x int; RETURN 1; END $$;
CREATE TABLE t (id int);
CREATE VIEW v AS SELECT id, side_effect() AS s FROM t;
SELECT count(*) FROM t;
SELECT * FROM v;
