-- the same table with a vector(4) column (schemadiff.yaml: its conversion)
CREATE EXTENSION IF NOT EXISTS vector;

-- [a, b, c] -> [a, b, c, 3]: the old vector and its dimension
CREATE FUNCTION public.reembed(v public.vector) RETURNS public.vector
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT (v::real[] || pg_catalog.array_length(v::real[], 1)::real)::public.vector $$;

-- the first three numbers
CREATE FUNCTION public.unembed(v public.vector) RETURNS public.vector
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT ((v::real[])[1:3])::public.vector $$;

CREATE TABLE public.chunks (
    id bigint PRIMARY KEY,
    doc text NOT NULL,
    embedding public.vector(4)
);

CREATE INDEX chunks_embedding_idx ON public.chunks USING hnsw (embedding public.vector_l2_ops);
