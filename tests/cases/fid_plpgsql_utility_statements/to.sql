-- A PL/pgSQL body holding utility statements (CREATE TEMPORARY TABLE, DROP TABLE, EXECUTE of
-- a string) beside DML: only the DML and expressions are walked for names (a utility
-- statement made libpg_query's tree walker end the process).
CREATE TABLE customer (customer_id integer PRIMARY KEY, active boolean);
CREATE FUNCTION report(min_purchases integer) RETURNS SETOF customer LANGUAGE plpgsql AS $_$
DECLARE
    rr RECORD;
    tmpSQL TEXT;
BEGIN
    CREATE TEMPORARY TABLE tmp_customer (customer_id integer NOT NULL PRIMARY KEY);
    tmpSQL := 'INSERT INTO tmp_customer SELECT customer_id FROM customer WHERE active';
    EXECUTE tmpSQL;
    FOR rr IN SELECT c.* FROM tmp_customer AS t JOIN customer AS c ON t.customer_id = c.customer_id LOOP
        RETURN NEXT rr;
    END LOOP;
    DROP TABLE tmp_customer;
    RETURN;
END
$_$;
