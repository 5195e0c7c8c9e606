CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE images (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path text NOT NULL UNIQUE,
    clip vector(512),
    clip_half halfvec(512),
    thumb_half halfvec(64) NOT NULL DEFAULT array_fill(0, ARRAY[64])::halfvec(64)
);

CREATE INDEX images_clip_half_idx ON images USING hnsw (clip_half halfvec_cosine_ops);
