-- the same table with a vector(4) column
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE public.chunks (
    id bigint PRIMARY KEY,
    doc text NOT NULL,
    embedding public.vector(4),
    CONSTRAINT chunks_doc_check CHECK (doc <> '')
);

CREATE INDEX chunks_embedding_idx ON public.chunks USING ivfflat (embedding public.vector_cosine_ops) WITH (lists = 4);
