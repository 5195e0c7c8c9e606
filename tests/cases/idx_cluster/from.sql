CREATE TABLE readings (
    sensor integer NOT NULL,
    at timestamptz NOT NULL,
    value double precision
);
INSERT INTO readings SELECT g % 4, TIMESTAMPTZ '2024-01-01 00:00+00' + g * INTERVAL '1 min', g FROM generate_series(1, 100) g;
CREATE INDEX readings_sensor_at ON readings (sensor);
ALTER TABLE readings CLUSTER ON readings_sensor_at;
