CREATE TYPE r AS RANGE (SUBTYPE = missing_type);
