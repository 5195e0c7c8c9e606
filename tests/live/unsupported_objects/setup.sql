\ir schema.sql
CREATE SCHEMA other;
-- kinds the model does not hold yet, two of one kind
CREATE AGGREGATE other.agg(integer) (SFUNC = int4pl, STYPE = integer);
CREATE AGGREGATE agg2(integer) (SFUNC = int4pl, STYPE = integer);
CREATE FUNCTION other.wf() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_row_number';
-- foreign data: held by the model (drift, not an error)
CREATE FOREIGN DATA WRAPPER lv_dummy_fdw;
CREATE SERVER lv_dummy_server FOREIGN DATA WRAPPER lv_dummy_fdw;
CREATE FOREIGN TABLE other.remote (id integer) SERVER lv_dummy_server;
-- kinds the model holds: not named
CREATE TYPE span AS RANGE (subtype = integer);
CREATE STATISTICS other.t_stats ON id, name FROM t;
CREATE VIEW v AS SELECT id FROM t;
CREATE MATERIALIZED VIEW other.mv AS SELECT count(*) AS n FROM t;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE PROCEDURE other.p() LANGUAGE sql AS $$SELECT 1$$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE pair AS (a integer, b integer);
CREATE TABLE measurements (at date NOT NULL, v numeric) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE parent (id integer);
CREATE TABLE child (extra text) INHERITS (parent);
CREATE TABLE secrets (id integer);
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON secrets USING (true);
CREATE RULE t_nothing AS ON DELETE TO t DO INSTEAD NOTHING;
