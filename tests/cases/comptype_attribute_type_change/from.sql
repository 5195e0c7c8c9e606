create type reading as (
    sensor text,
    value real,
    taken_at timestamp
);
