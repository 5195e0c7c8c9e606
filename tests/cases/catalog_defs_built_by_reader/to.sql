CREATE SCHEMA other;
CREATE SCHEMA "Odd Schema";
CREATE TABLE other.ref (id int PRIMARY KEY, code text UNIQUE, a int, b int, UNIQUE (a, b));
CREATE TYPE mood AS ENUM ('a','b');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE "Odd Schema"."Mixed Table" (
  "select" int, dropme int, "Col ""q""" text COLLATE "C", v varchar(20), m mood, d posint, arr int[], j jsonb, ts tsvector,
  n name, c2 text, r int4range, pt point, num numeric, "user" int,
  PRIMARY KEY ("select") INCLUDE (v, "user"),
  CONSTRAINT "uq nnd" UNIQUE NULLS NOT DISTINCT ("Col ""q""", num),
  CONSTRAINT fk1 FOREIGN KEY ("user", d) REFERENCES other.ref (a, b) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT fk2 FOREIGN KEY ("user") REFERENCES other.ref (id) ON DELETE SET NULL ("user") ,
  CONSTRAINT fk3 FOREIGN KEY ("select") REFERENCES other.ref (id) ON DELETE RESTRICT ON UPDATE SET DEFAULT DEFERRABLE,
  CONSTRAINT ck CHECK (num > 0)
);
ALTER TABLE "Odd Schema"."Mixed Table" DROP COLUMN dropme;
ALTER TABLE "Odd Schema"."Mixed Table" ADD COLUMN late int;
ALTER TABLE "Odd Schema"."Mixed Table" ADD CONSTRAINT nv FOREIGN KEY (late) REFERENCES other.ref (id) NOT VALID;
ALTER TABLE "Odd Schema"."Mixed Table" ADD CONSTRAINT uq2 UNIQUE (late) DEFERRABLE;
ALTER TABLE "Odd Schema"."Mixed Table" ADD CONSTRAINT uq3 UNIQUE (c2) WITH (fillfactor = 70);
CREATE INDEX i1 ON "Odd Schema"."Mixed Table" (late DESC, num NULLS FIRST, c2 DESC NULLS LAST, v ASC NULLS LAST);
CREATE INDEX "I 2" ON "Odd Schema"."Mixed Table" ("Col ""q""" COLLATE "POSIX");
CREATE INDEX i3 ON "Odd Schema"."Mixed Table" ("Col ""q""" COLLATE "C");
CREATE INDEX i4 ON "Odd Schema"."Mixed Table" (c2 COLLATE "C");
CREATE INDEX i5 ON "Odd Schema"."Mixed Table" (v);
CREATE INDEX i6 ON "Odd Schema"."Mixed Table" (m);
CREATE INDEX i7 ON "Odd Schema"."Mixed Table" (d);
CREATE INDEX i8 ON "Odd Schema"."Mixed Table" USING gin (arr);
CREATE INDEX i9 ON "Odd Schema"."Mixed Table" USING gin (j);
CREATE INDEX i10 ON "Odd Schema"."Mixed Table" USING gin (j jsonb_path_ops);
CREATE INDEX i11 ON "Odd Schema"."Mixed Table" USING gist (ts tsvector_ops (siglen = 100));
CREATE INDEX i12 ON "Odd Schema"."Mixed Table" USING hash (late);
CREATE INDEX i13 ON "Odd Schema"."Mixed Table" USING brin (late) WITH (pages_per_range = 16);
CREATE INDEX i14 ON "Odd Schema"."Mixed Table" (n);
CREATE INDEX i15 ON "Odd Schema"."Mixed Table" (c2 text_pattern_ops);
CREATE INDEX i16 ON "Odd Schema"."Mixed Table" (lower(c2));
CREATE INDEX i17 ON "Odd Schema"."Mixed Table" (late) WHERE late > 0;
CREATE UNIQUE INDEX i18 ON "Odd Schema"."Mixed Table" (late, num) INCLUDE (c2, "select") NULLS NOT DISTINCT;
CREATE INDEX i19 ON "Odd Schema"."Mixed Table" USING gist (r);
CREATE INDEX i20 ON "Odd Schema"."Mixed Table" USING gist (pt);
CREATE INDEX i21 ON "Odd Schema"."Mixed Table" USING brin (late, num);
CREATE INDEX i22 ON "Odd Schema"."Mixed Table" USING btree ("user" DESC);
CREATE INDEX i23 ON "Odd Schema"."Mixed Table" (late DESC NULLS LAST, num NULLS FIRST, "select" DESC);
CREATE INDEX "Index" ON "Odd Schema"."Mixed Table" ("select", "user");
-- partial indexes on plain columns: the reader writes the columns, the
-- server deparses only the predicate
CREATE UNIQUE INDEX i24 ON "Odd Schema"."Mixed Table" ("user" DESC NULLS LAST) INCLUDE (num)
  WHERE ("select" > 0 AND "Col ""q""" <> 'x') OR late IS NULL;
CREATE INDEX i25 ON "Odd Schema"."Mixed Table" (m, v) WHERE m = 'a' AND num BETWEEN 1 AND 5 AND j ? 'k';
CREATE INDEX i26 ON "Odd Schema"."Mixed Table" USING brin (late) WHERE NOT ("user" IN (1, 2, 3));
-- operator classes and collations the reader decides itself (parser/catalog_opc.c):
-- domains (over a domain, an enum, an array), a composite and an array of
-- composites, a multirange, catch-all access methods, a collation and an
-- operator class of another schema
CREATE DOMAIN dd AS posint;
CREATE DOMAIN dmood AS mood;
CREATE DOMAIN darr AS int[];
CREATE TYPE pair AS (x int, y text);
CREATE COLLATION other.c2 (provider = libc, locale = 'C');
CREATE OPERATOR CLASS other.int4_alt FOR TYPE int4 USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 btint4cmp(int4, int4);
CREATE TABLE opc (a int, b dd, m dmood, arr darr, p pair, ps pair[], mr int4multirange, t text, v varchar(9), c char(3), ip cidr);
CREATE INDEX o1 ON opc (b);
CREATE INDEX o2 ON opc USING hash (m);
CREATE INDEX o3 ON opc USING gin (arr);
CREATE INDEX o4 ON opc (p);
CREATE INDEX o5 ON opc (ps);
CREATE INDEX o6 ON opc USING gist (mr);
CREATE INDEX o7 ON opc USING brin (a int4_minmax_multi_ops);
CREATE INDEX o8 ON opc (t COLLATE other.c2, v COLLATE "C" DESC);
CREATE INDEX o9 ON opc (a other.int4_alt);
CREATE INDEX o10 ON opc (v text_ops, c bpchar_pattern_ops, ip);
CREATE INDEX o11 ON opc USING hash (v);
CREATE TABLE parted (id int, k int, t text, PRIMARY KEY (id, k)) PARTITION BY RANGE (k);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
CREATE INDEX pi1 ON parted (t DESC);
CREATE INDEX pi2 ON parted (k DESC) WHERE k < 5 AND t LIKE 'a%';
CREATE TABLE fkp (id int, k int, FOREIGN KEY (id, k) REFERENCES parted (id, k));
CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x, 'a'::text AS "Y";
CREATE INDEX mvi ON mv ("Y", x DESC);
CREATE UNIQUE INDEX mvu ON mv (x);
