-- fractions are allowed now
CREATE DOMAIN percentage AS numeric(5,2)
    CONSTRAINT percentage_range CHECK (VALUE >= 0 AND VALUE <= 100);

CREATE TABLE discounts (
    code text PRIMARY KEY,
    pct percentage NOT NULL
);
