CREATE TABLE t (id int);
SELECT * INTO t_copy FROM t;
