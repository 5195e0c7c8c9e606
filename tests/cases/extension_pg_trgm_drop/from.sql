CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE products (
    id integer PRIMARY KEY,
    title text NOT NULL
);

CREATE INDEX products_title_trgm_idx ON products USING gin (title gin_trgm_ops);
