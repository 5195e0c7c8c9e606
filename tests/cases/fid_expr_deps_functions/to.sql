CREATE FUNCTION zz_len(t text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT length(t) $$;
CREATE FUNCTION zz_is_live(s integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s > 0 $$;
CREATE FUNCTION zz_norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE FUNCTION zz_ok(s integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s < 100 $$;
CREATE TABLE doc (id integer PRIMARY KEY, body text, score integer,
    -- a generated column calling a function created in the same plan
    body_len integer GENERATED ALWAYS AS (zz_len(body)) STORED
);
-- names sort before the functions': only dependencies can order them
CREATE INDEX a_doc_live ON doc (id) WHERE zz_is_live(score);
CREATE INDEX a_doc_norm ON doc (zz_norm(body));
ALTER TABLE doc ADD CONSTRAINT a_doc_score_check CHECK (zz_ok(score));
CREATE FUNCTION zz_key(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) $$;
CREATE FUNCTION zz_open(s integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s <> 0 $$;
ALTER TABLE doc ADD CONSTRAINT a_doc_key_excl EXCLUDE USING btree (zz_key(body) WITH =) WHERE (zz_open(score));
