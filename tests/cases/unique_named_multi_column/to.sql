CREATE TABLE slots (
    id integer PRIMARY KEY,
    venue_id integer NOT NULL,
    starts_at timestamptz NOT NULL,
    lane smallint,
    CONSTRAINT slots_venue_time_uq UNIQUE (venue_id, starts_at),
    UNIQUE (venue_id, lane)
);
