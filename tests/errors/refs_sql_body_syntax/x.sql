CREATE TABLE t (a int);
CREATE FUNCTION total() RETURNS bigint LANGUAGE sql AS $body$
    SELECT sum(a)
    FROM t
    WHERE a > AND a < 10
$body$;
