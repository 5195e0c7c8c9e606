CREATE TABLE counters (
    id integer PRIMARY KEY,
    hits bigint NOT NULL DEFAULT 0
);
