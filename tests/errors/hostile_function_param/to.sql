CREATE TABLE foobar (x int);
CREATE FUNCTION f(")RETURNS int AS'select 1'LANGUAGE sql;DROP TABLE foobar;--" int, OUT "Abc" int, INOUT "select" int)
  LANGUAGE sql AS 'SELECT 1, 2';
CREATE FUNCTION g() RETURNS TABLE ("x;DROP TABLE foobar;--" int) LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION h("a""b" int DEFAULT 1) RETURNS int LANGUAGE sql RETURN "a""b" + 1;
