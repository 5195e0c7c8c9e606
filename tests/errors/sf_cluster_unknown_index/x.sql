CREATE TABLE t (a int);
CLUSTER t USING t_a_idx;
