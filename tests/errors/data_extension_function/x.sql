CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE metrics (at timestamptz NOT NULL, value double precision);
SELECT create_hypertable('metrics', 'at');
