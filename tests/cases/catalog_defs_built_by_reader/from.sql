-- The catalog reader writes PRIMARY KEY, UNIQUE, FOREIGN KEY and plain-column
-- index definitions itself, and asks the server (pg_get_constraintdef,
-- pg_get_indexdef) for the rest: to.sql has each clause either path writes,
-- quoted names, a dropped column (attribute numbers with a gap), a
-- partitioned table and a materialized view.  Read back from a live
-- database, it must plan to nothing (fixpoint-to).
CREATE SCHEMA other;
CREATE TABLE other.ref (id int PRIMARY KEY, code text UNIQUE, a int, b int, UNIQUE (a, b));
