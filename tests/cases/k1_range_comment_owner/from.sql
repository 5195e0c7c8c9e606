CREATE TYPE daterange2 AS RANGE (subtype = date);
CREATE TYPE other_range AS RANGE (subtype = bigint);
COMMENT ON TYPE other_range IS 'old';
GRANT USAGE ON TYPE other_range TO PUBLIC;
