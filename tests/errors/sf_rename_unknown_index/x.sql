CREATE TABLE t (a int);
ALTER INDEX t_a_idx RENAME TO t_idx;
