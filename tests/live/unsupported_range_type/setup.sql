\ir schema.sql
CREATE TYPE span AS RANGE (subtype = integer);
