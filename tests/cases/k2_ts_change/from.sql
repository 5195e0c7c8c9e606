CREATE TEXT SEARCH DICTIONARY my_stem (TEMPLATE = snowball, language = 'english', stopwords = english);
CREATE TEXT SEARCH DICTIONARY syn (TEMPLATE = simple, accept = false);
CREATE TEXT SEARCH CONFIGURATION my_cfg (COPY = english);
ALTER TEXT SEARCH CONFIGURATION my_cfg ALTER MAPPING FOR asciiword, word WITH syn, my_stem;
ALTER TEXT SEARCH CONFIGURATION my_cfg DROP MAPPING FOR email, url;
CREATE TEXT SEARCH CONFIGURATION ru (COPY = pg_catalog.russian);
COMMENT ON TEXT SEARCH CONFIGURATION my_cfg IS 'documents';
COMMENT ON TEXT SEARCH DICTIONARY my_stem IS 'english stems';
CREATE TABLE docs (
    id integer PRIMARY KEY,
    body text,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('my_cfg', coalesce(body, ''))) STORED
);
CREATE INDEX docs_fts ON docs USING gin (to_tsvector('public.my_cfg'::regconfig, body));
CREATE VIEW doc_words AS SELECT id, to_tsvector('ru', body) AS words FROM docs;
CREATE FUNCTION search_docs(q text) RETURNS SETOF integer LANGUAGE sql
    AS $$ SELECT id FROM docs WHERE tsv @@ plainto_tsquery('my_cfg', q) $$;
