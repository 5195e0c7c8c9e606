CREATE TABLE t (a int);
ALTER TABLE t ALTER COLUMN a SET (fillfactor = 10);
