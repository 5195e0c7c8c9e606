CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
CREATE FUNCTION slow_positive(v integer) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN PERFORM pg_catalog.pg_sleep(0.2); RETURN v > 0; END$$;
CREATE TABLE stock (id integer PRIMARY KEY, qty integer CHECK (public.slow_positive(qty)));
