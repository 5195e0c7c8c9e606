-- a collation made in the same migration as the index and the exclusion
-- constraint whose COLLATE names it: the collation first (and dropped last)
CREATE SCHEMA s;
CREATE COLLATION s.c1 (provider = libc, locale = 'C');
CREATE COLLATION public.c2 (provider = libc, locale = 'POSIX');
CREATE TABLE t (a text, b text, EXCLUDE USING btree (b COLLATE s.c1 WITH =));
CREATE INDEX i1 ON t (a COLLATE s.c1);
CREATE INDEX i2 ON t (b COLLATE c2 DESC);
