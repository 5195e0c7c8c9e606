CREATE SCHEMA reporting;

CREATE TABLE reporting.events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    happened_at timestamptz NOT NULL
);

CREATE MATERIALIZED VIEW reporting.events_per_kind AS
    SELECT kind, count(*) AS n FROM reporting.events GROUP BY kind
WITH NO DATA;

CREATE UNIQUE INDEX events_per_kind_kind_idx ON reporting.events_per_kind (kind);
