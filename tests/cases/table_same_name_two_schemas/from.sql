CREATE SCHEMA archive;

CREATE TABLE events (
    id bigint PRIMARY KEY,
    payload jsonb
);
