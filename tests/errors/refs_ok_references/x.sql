-- References every kind of key can satisfy, and views over views.
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'meh');
CREATE TABLE app.people (
    id bigint PRIMARY KEY,
    manager_id bigint REFERENCES app.people,            -- self-reference, to the primary key
    email text NOT NULL,
    code text,
    region int,
    mood app.mood,
    UNIQUE (region, code)
);
CREATE UNIQUE INDEX people_email ON app.people (email);
CREATE TABLE app.notes (
    id bigint PRIMARY KEY,
    author_email text REFERENCES app.people (email),    -- a unique index
    code text,
    region int,
    FOREIGN KEY (code, region) REFERENCES app.people (code, region),  -- UNIQUE, other order
    person app.people,                                  -- a table's row type
    tags app.mood[],
    moods app._mood,
    ids _uuid,
    stamps _timestamptz
);
CREATE VIEW app.v1 AS SELECT id, email FROM app.people;
CREATE VIEW app.v2 AS
    WITH RECURSIVE chain AS (
        SELECT id, manager_id FROM app.people
        UNION ALL SELECT p.id, p.manager_id FROM app.people p JOIN chain c ON p.id = c.manager_id
    )
    SELECT v.email, (SELECT count(*) FROM chain) AS n FROM app.v1 v;
CREATE MATERIALIZED VIEW app.v3 AS SELECT * FROM app.v2;
SET search_path = app, public;
CREATE VIEW v4 AS SELECT * FROM v3 FOR UPDATE OF v3;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER people_touch BEFORE UPDATE ON app.people FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE TRIGGER people_tsv BEFORE UPDATE ON app.people
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(code, 'pg_catalog.english', email);
-- qualified columns: aliases shadowed by inner queries, subqueries, LATERAL,
-- CTEs named like tables, system columns, columns added later
CREATE VIEW app.v5 AS
    SELECT p.id, s.n, l.k, p.ctid, p.nickname
    FROM app.people p,
         (SELECT count(*) AS n FROM app.notes) s,
         LATERAL (SELECT p.region AS k) l
    WHERE EXISTS (SELECT 1 FROM app.notes p WHERE p.author_email IS NOT NULL);
CREATE VIEW app.v6 AS WITH people AS (SELECT 1 AS anything) SELECT people.anything FROM people;
ALTER TABLE app.people ADD COLUMN nickname text;
