CREATE TABLE accounts (id bigint PRIMARY KEY);

CREATE TABLE measurements (
    account_id bigint NOT NULL,
    taken date NOT NULL,
    value numeric,
    note text
) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- a partition made in the same plan gets the new index too
CREATE TABLE measurements_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX measurements_value_idx ON measurements (account_id, value) WHERE value > 0;
CREATE UNIQUE INDEX measurements_uq ON measurements (account_id, taken);
ALTER TABLE measurements ADD CONSTRAINT measurements_pkey PRIMARY KEY (account_id, taken);
ALTER TABLE measurements ADD CONSTRAINT measurements_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
