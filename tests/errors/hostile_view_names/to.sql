CREATE TABLE t (a int);
CREATE FUNCTION f("x;DROP TABLE foobar;--" int) RETURNS int LANGUAGE sql RETURN 1;
CREATE VIEW v AS SELECT f("x;DROP TABLE foobar;--" => a) AS "Al", count(*) OVER "w;DROP TABLE foobar;--" AS n
  FROM t WINDOW "w;DROP TABLE foobar;--" AS (ORDER BY a);
CREATE VIEW u AS SELECT 1 AS one FROM t JOIN t AS t2 USING (a) AS "j;DROP TABLE foobar;--";
