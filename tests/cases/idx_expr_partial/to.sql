CREATE TABLE docs (
    id integer PRIMARY KEY,
    title text NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX docs_title_lower ON docs (lower(title), id);
ALTER INDEX docs_title_lower ALTER COLUMN 1 SET STATISTICS 500;
CREATE INDEX docs_live ON docs (id) WHERE NOT deleted AND title <> '';
