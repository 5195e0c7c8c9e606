CREATE EXTENSION vector;
CREATE TABLE docs (
    id bigint PRIMARY KEY,
    title text,
    embedding vector(3) DEFAULT '[0,0,0]'
);
