CREATE TABLE slots (
    id integer PRIMARY KEY,
    venue_id integer NOT NULL,
    starts_at timestamptz NOT NULL,
    lane smallint
);
