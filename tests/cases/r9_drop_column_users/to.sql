-- A schema file that drops the column later on, as a migration history does:
-- PostgreSQL drops with it every index and table constraint that involves it
-- (key, INCLUDE, predicate, CHECK), and with CASCADE another table's foreign
-- key over it. The reader must do the same, or the plan re-creates them.
CREATE TABLE p (a int PRIMARY KEY, b int UNIQUE, c int CHECK (c > 0), d int, e int,
                CONSTRAINT p_bc CHECK (b < c));
CREATE TABLE q (x int REFERENCES p (b));
CREATE INDEX p_d_inc ON p (d) INCLUDE (b);
CREATE INDEX p_a_part ON p (a) WHERE b > 0;
CREATE INDEX p_e ON p (e);
ALTER TABLE p DROP COLUMN b CASCADE;
