CREATE SCHEMA extensions;
CREATE EXTENSION vector WITH SCHEMA extensions;

CREATE TABLE notes (
    id serial PRIMARY KEY,
    body text NOT NULL,
    embedding extensions.vector(3),
    CONSTRAINT notes_embedding_dims CHECK (extensions.vector_dims(embedding) = 3)
);

CREATE INDEX notes_embedding_idx ON notes USING hnsw (embedding extensions.vector_ip_ops);
