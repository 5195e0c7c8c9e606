CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (id bigint PRIMARY KEY, embedding vector(3));
CREATE INDEX items_emb ON items USING hnsw (embedding vector_l2_ops);
