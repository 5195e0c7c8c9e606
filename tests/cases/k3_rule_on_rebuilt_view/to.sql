CREATE TABLE t (a int, b text);
CREATE VIEW v AS SELECT b, a FROM t;
CREATE RULE v_ins AS ON INSERT TO v DO INSTEAD INSERT INTO t (a, b) VALUES (new.a, new.b);
