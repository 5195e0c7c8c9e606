CREATE TABLE reading (id integer PRIMARY KEY, raw numeric(10,2));
INSERT INTO reading VALUES (1, 10), (2, 20);
CREATE FUNCTION b_old_scale(v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT v * 10 $$;
CREATE FUNCTION a_calibrated(v numeric) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN b_old_scale(v);
END
$$;
CREATE INDEX reading_calibrated ON reading (a_calibrated(raw));
