CREATE SCHEMA reporting;

CREATE TABLE reporting.events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    happened_at timestamptz NOT NULL
);
