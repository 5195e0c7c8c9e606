CREATE TABLE events (
    id bigint PRIMARY KEY,
    name text
);
INSERT INTO events VALUES (5, 'a'), (40, 'b');
CREATE TABLE counters (
    n integer NOT NULL,
    label text
);
INSERT INTO counters VALUES (-3, 'x');
