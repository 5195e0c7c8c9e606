-- 1,500 rows with a NULL email: more than the pre-flight's cap of 1,000
CREATE TABLE users (id integer PRIMARY KEY, email text);
INSERT INTO users SELECT g, CASE WHEN g > 100 THEN NULL ELSE 'u' || g END FROM generate_series(1, 1600) g;
-- a check whose every evaluation takes 0.2 s: its pre-flight cannot finish in 300 ms
CREATE FUNCTION slow_positive(v integer) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN PERFORM pg_catalog.pg_sleep(0.2); RETURN v > 0; END$$;
CREATE TABLE stock (id integer PRIMARY KEY, qty integer);
INSERT INTO stock SELECT g, g FROM generate_series(1, 20) g;
