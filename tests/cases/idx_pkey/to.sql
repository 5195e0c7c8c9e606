CREATE TABLE events (
    source integer NOT NULL,
    seq integer NOT NULL,
    payload text,
    CONSTRAINT events_pkey PRIMARY KEY (source, seq) INCLUDE (payload)
);
COMMENT ON CONSTRAINT events_pkey ON events IS 'the key';
