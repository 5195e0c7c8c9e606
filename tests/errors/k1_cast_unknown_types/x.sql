CREATE TABLE t (id integer);
CREATE CAST (no_such_type AS other_missing) WITH INOUT;
