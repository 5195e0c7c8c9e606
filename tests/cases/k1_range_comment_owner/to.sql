CREATE TYPE daterange2 AS RANGE (subtype = date);
COMMENT ON TYPE daterange2 IS 'days';
REVOKE USAGE ON TYPE daterange2 FROM PUBLIC;
CREATE TYPE other_range AS RANGE (subtype = bigint);
