CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE chunks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL,
    content text NOT NULL,
    embedding vector(1536),
    CONSTRAINT chunks_embedding_dims CHECK (vector_dims(embedding) = 1536)
);

CREATE INDEX chunks_document_id_idx ON chunks (document_id);
