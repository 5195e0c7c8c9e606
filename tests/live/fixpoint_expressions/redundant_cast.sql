-- a cast of a column to its own type: the server drops it, (n > 0::numeric)
CREATE SCHEMA redundant_cast;
CREATE TABLE redundant_cast.t (
    n numeric(5,2) CHECK (n::numeric(5,2) > 0),
    m numeric CHECK (CAST(m AS numeric) > 0)
);
