CREATE TABLE events (
    id integer PRIMARY KEY,
    at timestamptz,
    kind text
);

CREATE INDEX events_at_idx ON events (at);
CREATE INDEX events_kind_at_idx ON events (kind, at DESC);
