CREATE TABLE events (
    source integer NOT NULL,
    seq integer NOT NULL,
    payload text,
    CONSTRAINT events_pkey PRIMARY KEY (source)
);
INSERT INTO events SELECT g, g, 'p' FROM generate_series(1, 100) g;
COMMENT ON CONSTRAINT events_pkey ON events IS 'the key';
