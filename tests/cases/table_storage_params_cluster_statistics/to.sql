CREATE TABLE t (a int, b text) WITH (fillfactor = 80, autovacuum_enabled = false);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_b;
ALTER TABLE ONLY t ALTER COLUMN b SET STATISTICS 500;
