CREATE EXTENSION vector;

CREATE TABLE documents (
    id bigint PRIMARY KEY,
    embedding vector(4) NOT NULL,
    CHECK (vector_dims(embedding) = 3)
);
