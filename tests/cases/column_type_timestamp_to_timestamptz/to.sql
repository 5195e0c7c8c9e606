CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    happened_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_happened_at_idx ON audit_log (happened_at);
