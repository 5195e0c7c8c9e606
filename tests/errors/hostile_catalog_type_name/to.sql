CREATE TABLE t (a pg_catalog."int4;DROP TABLE foobar;--", b pg_catalog."Name");
