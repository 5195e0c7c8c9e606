CREATE TABLE accounts (id bigint PRIMARY KEY);
INSERT INTO accounts VALUES (1), (2);

CREATE TABLE measurements (
    account_id bigint NOT NULL,
    taken date NOT NULL,
    value numeric,
    note text
) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measurements_note_idx ON measurements (note);
INSERT INTO measurements VALUES (1, '2024-05-01', 1.5, 'x'), (2, '2025-02-01', 2.5, 'y');
