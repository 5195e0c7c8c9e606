CREATE TABLE t (a int) WITH (fillfactor = 70, autovacuum_enabled = false);
CREATE INDEX t_a_idx ON t (a) WITH (fillfactor = 80);
