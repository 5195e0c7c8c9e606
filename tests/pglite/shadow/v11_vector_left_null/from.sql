-- a vector(3) column with an ivfflat index, to become vector(4) through a shadow table with no
-- conversion: the shadow leaves it NULL (the embeddings are to be recomputed)
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE public.chunks (
    id bigint PRIMARY KEY,
    doc text NOT NULL,
    embedding public.vector(3),
    CONSTRAINT chunks_doc_check CHECK (doc <> '')
);

CREATE INDEX chunks_embedding_idx ON public.chunks USING ivfflat (embedding public.vector_cosine_ops) WITH (lists = 4);
