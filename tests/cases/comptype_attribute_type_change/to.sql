create type reading as (
    sensor text,
    value double precision,
    taken_at timestamptz
);
