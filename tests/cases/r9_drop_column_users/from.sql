-- A table whose indexes and constraints involve a column, and a foreign key
-- of another table over it.
CREATE TABLE p (a int PRIMARY KEY, b int UNIQUE, c int CHECK (c > 0), d int, e int,
                CONSTRAINT p_bc CHECK (b < c));
CREATE TABLE q (x int REFERENCES p (b));
CREATE INDEX p_d_inc ON p (d) INCLUDE (b);
CREATE INDEX p_a_part ON p (a) WHERE b > 0;
CREATE INDEX p_e ON p (e);
