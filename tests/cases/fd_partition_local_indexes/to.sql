CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL,
    payload text
) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
ALTER TABLE events ADD PRIMARY KEY (id, kind);
-- the partition's own: not the parent's
CREATE INDEX events_a_payload_idx ON events_a (payload);
ALTER TABLE events_b ADD CONSTRAINT events_b_payload_key UNIQUE (payload);
CREATE INDEX events_kind_idx ON events (kind);
