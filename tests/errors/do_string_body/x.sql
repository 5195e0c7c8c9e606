CREATE TABLE t (id int, s text);

-- a single-quoted body: its statements are not in the file as written, so
-- their errors point at the DO statement
DO 'BEGIN ALTER TABLE t ALTER COLUMN s SET DEFAULT ''x''; ALTER TABLE nosuch ADD z int; END';
