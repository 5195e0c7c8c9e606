CREATE TABLE t (id int);
ALTER SCHEMA public RENAME TO core;
