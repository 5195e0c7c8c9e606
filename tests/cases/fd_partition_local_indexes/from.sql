CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL,
    payload text
) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN ('a');
CREATE TABLE events_b PARTITION OF events FOR VALUES IN ('b');
ALTER TABLE events ADD PRIMARY KEY (id, kind);
INSERT INTO events VALUES (1, 'a', 'p'), (2, 'b', 'q');
