CREATE TABLE reading (id integer PRIMARY KEY, raw numeric(10,3));
INSERT INTO reading VALUES (1, 10), (2, 20);
CREATE FUNCTION c_new_scale(v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT v * 100 $$;
CREATE FUNCTION a_calibrated(v numeric) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN c_new_scale(v);
END
$$;
-- retyping raw rebuilds this index, which runs a_calibrated: b_old_scale
-- must not be dropped while the old body still calls it
CREATE INDEX reading_calibrated ON reading (a_calibrated(raw));
