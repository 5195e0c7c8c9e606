CREATE TABLE docs (
    id integer PRIMARY KEY,
    title text NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
INSERT INTO docs SELECT g, 'Title ' || g, g % 7 = 0 FROM generate_series(1, 200) g;
CREATE INDEX docs_title_lower ON docs (lower(title));
CREATE INDEX docs_live ON docs (id) WHERE NOT deleted;
