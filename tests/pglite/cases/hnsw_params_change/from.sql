CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE passages (
    id bigint PRIMARY KEY,
    source text NOT NULL,
    embedding vector(256) NOT NULL
);

CREATE INDEX passages_embedding_hnsw ON passages USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX passages_source_idx ON passages (source);
