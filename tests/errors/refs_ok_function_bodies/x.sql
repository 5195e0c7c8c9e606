-- Valid bodies that libpg_query's PL/pgSQL compiler, without a catalog,
-- would reject: unnamed parameters, RETURNS TABLE columns, refcursor.
CREATE TABLE users (id int PRIMARY KEY, name text);
CREATE FUNCTION f1(int, text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  p2 ALIAS FOR $2;
  r users%ROWTYPE;
  cur refcursor;
BEGIN
  OPEN cur FOR SELECT * FROM users;
  FETCH cur INTO r;
  RAISE NOTICE '% %', p2, r.name;
  RETURN $1;
END
$$;
CREATE FUNCTION f2() RETURNS TABLE (a int, b text) LANGUAGE plpgsql AS $$
BEGIN
  a := 1; b := 'x';
  RETURN NEXT;
END
$$;
CREATE FUNCTION f3(n int) RETURNS int LANGUAGE sql AS 'SELECT n + length(''it''''s'')';
CREATE FUNCTION f4(n int) RETURNS int LANGUAGE sql RETURN n + 1;
CREATE FUNCTION f5() RETURNS int LANGUAGE c AS 'lib', 'not SQL at all';
CREATE FUNCTION f6(u users.id%TYPE) RETURNS users.name%TYPE LANGUAGE sql AS $$ SELECT name FROM users WHERE id = u $$;
