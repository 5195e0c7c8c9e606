CREATE TABLE t (a int, b text) WITH (fillfactor = 70);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
ALTER TABLE t CLUSTER ON t_a;
