CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER archive FOREIGN DATA WRAPPER w;
CREATE TABLE events (at date NOT NULL, what text) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- old years live on another server
CREATE FOREIGN TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    SERVER archive OPTIONS (table_name 'events_2024');
CREATE TABLE base (id integer);
CREATE FOREIGN TABLE remote_base (extra text) INHERITS (base) SERVER archive;
