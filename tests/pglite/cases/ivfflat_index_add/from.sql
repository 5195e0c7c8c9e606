CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    embedding vector(384)
);
