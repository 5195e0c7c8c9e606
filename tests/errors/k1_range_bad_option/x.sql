CREATE TYPE floatrange AS RANGE (
    SUBTYPE = float8,
    SUBTYP_DIFF = float8mi
);
