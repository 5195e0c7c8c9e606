CREATE TYPE floatrange AS RANGE (SUBTYPE_DIFF = float8mi);
