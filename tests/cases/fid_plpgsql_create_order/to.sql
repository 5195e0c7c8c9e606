CREATE TABLE reading (id integer PRIMARY KEY, raw integer);
INSERT INTO reading VALUES (1, 10), (2, 20);
CREATE TABLE unit_scale (factor integer);
-- helpers whose names sort after their caller's: only the body can order them
CREATE FUNCTION z_scale(v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT v * 10 $$;
CREATE FUNCTION z_offset() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
-- PostgreSQL records nothing of what this body calls
CREATE FUNCTION a_calibrated(v integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    base integer := z_offset();
BEGIN
    IF v IS NULL THEN
        RETURN NULL;
    END IF;
    base := base + z_scale(v);
    RETURN base;
END
$$;
-- the index build runs a_calibrated on every row: its helpers must exist
CREATE INDEX reading_calibrated ON reading (a_calibrated(raw));
