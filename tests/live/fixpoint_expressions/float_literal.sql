-- 1e9 is a float-format constant: the catalog says '1000000000'::numeric
CREATE SCHEMA float_literal;
CREATE TABLE float_literal.t (
    a numeric DEFAULT 1e9 CHECK (a < 2.5e10)
);
