CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    embedding vector(384)
);

CREATE INDEX products_embedding_ivfflat ON products USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
