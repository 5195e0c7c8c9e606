CREATE EXTENSION vector;
CREATE TABLE docs (
    id bigint PRIMARY KEY,
    embedding vector(768) CHECK (vector_dims(embedding) = 768),
    summary halfvec(256)
);
CREATE INDEX docs_embedding_idx ON docs USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX docs_summary_idx ON docs USING ivfflat (summary halfvec_cosine_ops) WITH (lists = 100);
