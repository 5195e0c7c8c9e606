-- a migration history that renames what it created
CREATE SCHEMA scratch;
ALTER SCHEMA scratch RENAME TO app;
CREATE TABLE old_t (id serial PRIMARY KEY, nm text, qty int GENERATED ALWAYS AS (length(nm)) STORED,
                    CONSTRAINT old_chk CHECK (length(nm) > 0), UNIQUE (nm));
CREATE INDEX old_idx ON old_t (lower(nm)) WHERE nm <> '';
CREATE VIEW names AS SELECT o.nm, upper(nm) AS up FROM old_t o WHERE nm <> '';
ALTER TABLE old_t RENAME COLUMN nm TO name;
CREATE TABLE child (id int PRIMARY KEY, t_id int REFERENCES old_t (id));
CREATE VIEW old_v AS SELECT old_t.id, old_t.name AS label FROM old_t;
CREATE VIEW top AS SELECT id FROM old_v;
ALTER TABLE old_t RENAME TO items;
ALTER TABLE items RENAME CONSTRAINT old_chk TO items_name_check;
ALTER INDEX old_idx RENAME TO items_lower_idx;
ALTER INDEX old_t_nm_key RENAME TO items_name_key;
ALTER SEQUENCE old_t_id_seq RENAME TO items_id_seq;
ALTER VIEW old_v RENAME TO labels;
ALTER TABLE child RENAME COLUMN t_id TO item_id;
CREATE TABLE app.t (a int);
ALTER TABLE IF EXISTS nothing RENAME TO still_nothing;
