CREATE TABLE t (a int);
CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    n int;
BEGIN
    n := 1;
    UPDATE t SET a = a + n WHERE;
    RETURN NEW;
END
$$;
