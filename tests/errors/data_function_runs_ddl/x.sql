CREATE TABLE t (id int);
CREATE FUNCTION add_partition(suffix text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TABLE t_%s () INHERITS (t)', suffix);
END $$;
CREATE FUNCTION setup() RETURNS void LANGUAGE sql AS $$ SELECT add_partition('2024') $$;
INSERT INTO t VALUES (1);
SELECT setup();
