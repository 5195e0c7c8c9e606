CREATE EXTENSION vector;
CREATE TABLE docs (
    id bigint PRIMARY KEY,
    embedding vector(1536) CHECK (vector_dims(embedding) = 1536),
    summary halfvec(256)
);
CREATE INDEX docs_embedding_idx ON docs USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX docs_summary_idx ON docs USING ivfflat (summary halfvec_cosine_ops) WITH (lists = 200);
