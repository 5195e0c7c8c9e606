CREATE TABLE t (a int, b text);
CREATE INDEX t_idx ON t (a, lower(b));
ALTER INDEX t_idx ALTER COLUMN 1 SET STATISTICS 100;
