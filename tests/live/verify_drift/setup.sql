\ir schema.sql
-- drift, as a hand-run hotfix leaves it
CREATE INDEX events_payload ON events USING gin (payload);          -- an extra index
ALTER TABLE accounts DROP COLUMN created_at;                        -- a missing column
ALTER TABLE accounts ALTER COLUMN plan SET DEFAULT 'trial';         -- a changed default
CREATE TABLE tmp_backfill (id bigint, done boolean);                -- an extra table
