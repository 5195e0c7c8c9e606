-- verify on PostgreSQL 18 + pgvector: an extra hnsw index, a dropped column, a changed default
CREATE EXTENSION vector;
CREATE TABLE docs (
    id bigint PRIMARY KEY,
    embedding vector(3) DEFAULT '[0,0,1]'
);
CREATE INDEX docs_embedding_hnsw ON docs USING hnsw (embedding vector_cosine_ops);
