-- two indexes of a partitioned table on the same column: PostgreSQL names
-- the partitions' copies pt_1_t_idx and pt_1_t_idx1 (ChooseRelationName
-- numbers the label when the name is taken), and the lock claims of every
-- step that reaches them must name both
CREATE TABLE pt (id int, k int, t text) PARTITION BY RANGE (k);
CREATE TABLE pt_1 PARTITION OF pt FOR VALUES FROM (0) TO (10);
CREATE TABLE pt_2 PARTITION OF pt FOR VALUES FROM (10) TO (20);
CREATE INDEX pa ON pt (t);
CREATE INDEX pb ON pt (t) WHERE k > 5;
