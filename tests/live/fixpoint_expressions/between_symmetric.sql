-- the catalog says (a >= 1 AND a <= 5 OR a >= 5 AND a <= 1)
CREATE SCHEMA between_symmetric;
CREATE TABLE between_symmetric.t (
    a integer CHECK (a BETWEEN SYMMETRIC 5 AND 1)
);
