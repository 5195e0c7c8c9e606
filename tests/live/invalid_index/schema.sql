CREATE TABLE t (id integer, code text);
CREATE UNIQUE INDEX t_code ON t (code);
