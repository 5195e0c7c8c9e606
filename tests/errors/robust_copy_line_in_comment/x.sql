/* restore with:
COPY t (a) FROM stdin;
*/
CREATE TABLE t (a int);
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$
COPY t (a) FROM stdin;
SELECT 1
$body$;
-- COPY t (a) FROM stdin;
CREATE TABLE u (b text DEFAULT 'x');
