CREATE TYPE floatmultirange AS ENUM ('a');
CREATE TYPE floatrange AS RANGE (SUBTYPE = float8);
