-- KNOWN GAP (needs interval arithmetic): the catalog prints intervals in its own output
-- format, '1 day'::interval and '24:00:00'::interval
CREATE SCHEMA known_gap_interval;
CREATE TABLE known_gap_interval.t (
    b interval DEFAULT interval '1' day,
    c interval DEFAULT '24 hours'
);
