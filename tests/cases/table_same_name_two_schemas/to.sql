CREATE SCHEMA archive;

CREATE TABLE events (
    id bigint PRIMARY KEY,
    payload jsonb
);

CREATE TABLE archive.events (
    id bigint PRIMARY KEY,
    payload jsonb,
    archived_at timestamptz NOT NULL DEFAULT now()
);
