-- partitions attached and detached, a view replaced, a materialized view rebuilt
CREATE TABLE ev (id integer, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE ev_2023 PARTITION OF ev FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE ev_2024 (id integer, at date NOT NULL);
INSERT INTO ev VALUES (1, '2023-05-01');
INSERT INTO ev_2024 VALUES (2, '2024-05-01');
CREATE TABLE base (id integer PRIMARY KEY, v text);
INSERT INTO base VALUES (1, 'a');
CREATE VIEW base_v AS SELECT id FROM base;
CREATE MATERIALIZED VIEW base_mv AS SELECT id FROM base;
