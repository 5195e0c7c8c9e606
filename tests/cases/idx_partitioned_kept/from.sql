CREATE TABLE measures (
    day date NOT NULL,
    v integer
) PARTITION BY RANGE (day);
CREATE TABLE measures_2024 PARTITION OF measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO measures SELECT DATE '2024-01-01' + g, g FROM generate_series(0, 100) g;
CREATE INDEX measures_v ON measures (v);
