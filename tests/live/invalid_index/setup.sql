CREATE TABLE t (id integer, code text);
INSERT INTO t VALUES (1, 'a'), (2, 'a');
-- a concurrent build that fails leaves an invalid index behind
\set ON_ERROR_STOP 0
CREATE UNIQUE INDEX CONCURRENTLY t_code ON t (code);
\set ON_ERROR_STOP 1
