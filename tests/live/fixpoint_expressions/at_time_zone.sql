-- the catalog says (timezone('UTC'::text, a) > '...'::timestamp without time zone)
CREATE SCHEMA at_time_zone;
CREATE TABLE at_time_zone.t (
    a timestamptz CHECK (a AT TIME ZONE 'UTC' > '2000-01-01')
);
