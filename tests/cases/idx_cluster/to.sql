CREATE TABLE readings (
    sensor integer NOT NULL,
    at timestamptz NOT NULL,
    value double precision
);
CREATE INDEX readings_sensor_at ON readings (sensor, at);
ALTER TABLE readings CLUSTER ON readings_sensor_at;
