CREATE TABLE events (
    id integer PRIMARY KEY,
    at timestamptz,
    kind text
);

CREATE INDEX events_at_idx ON events USING btree (at ASC NULLS LAST);
CREATE INDEX events_kind_at_idx ON events USING btree (kind text_ops, at DESC NULLS FIRST);
