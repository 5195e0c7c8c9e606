-- A foreign key to a partitioned table puts its triggers on every partition of the referenced
-- table: adding it locks each partition in SHARE ROW EXCLUSIVE (addFkRecurseReferenced),
-- dropping it in ACCESS EXCLUSIVE. The plan must say so (tests/run_locks.py).
CREATE TABLE parted (id int, k int, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (10) TO (20) PARTITION BY RANGE (k);
CREATE TABLE parted_2a PARTITION OF parted_2 FOR VALUES FROM (10) TO (15);
CREATE TABLE fkp (id int, k int);
