CREATE PROCEDURE cleanup(days int)
LANGUAGE plpgsql
AS $$
BEGIN
    IF days < 0 THEN
        RAISE EXCEPTION 'negative';
    END IF;
    DELET FROM pg_temp.x;
END
$$;
