-- a vector(3) column with an HNSW index, to become vector(4) through a shadow table; the
-- conversion is the user's function (schemadiff.yaml), its rollback the other one
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
    embedding public.vector(3)
);

CREATE INDEX chunks_embedding_idx ON public.chunks USING hnsw (embedding public.vector_l2_ops);
