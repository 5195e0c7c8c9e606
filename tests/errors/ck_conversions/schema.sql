CREATE TABLE event (
    id integer PRIMARY KEY,
    happened_at timestamp,
    note text
);
