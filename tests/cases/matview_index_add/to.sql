CREATE TABLE sales (
    id bigint PRIMARY KEY,
    region text NOT NULL,
    amount numeric(12,2) NOT NULL
);

CREATE MATERIALIZED VIEW region_totals AS
SELECT region, sum(amount) AS total FROM sales GROUP BY region;

-- the materialized view itself is unchanged
CREATE UNIQUE INDEX region_totals_region_idx ON region_totals (region);
CREATE INDEX region_totals_big_idx ON region_totals (total) WHERE total > 1000;
