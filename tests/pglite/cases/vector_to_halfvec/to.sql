CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (id bigint PRIMARY KEY, embedding halfvec(3));
CREATE INDEX items_emb ON items USING hnsw (embedding halfvec_l2_ops);
