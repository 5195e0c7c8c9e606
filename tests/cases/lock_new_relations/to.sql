CREATE TABLE owner_t (id integer PRIMARY KEY, name text);
CREATE TABLE item (id integer PRIMARY KEY, owner_id integer REFERENCES owner_t (id), label text);
CREATE INDEX item_label ON item (label);
CREATE VIEW owner_names AS SELECT id, name FROM owner_t;
CREATE MATERIALIZED VIEW owner_count AS SELECT count(*) AS n FROM owner_t;
CREATE FUNCTION owner_name(i integer) RETURNS text LANGUAGE sql STABLE AS $$ SELECT name FROM owner_t WHERE id = i $$;
