CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE profiles (
    user_id bigint PRIMARY KEY,
    taste vector(3) NOT NULL DEFAULT '[0.5,0.5,0.5]',
    mood vector(3) DEFAULT '[1,0,0]'::vector,
    seen sparsevec(1000) NOT NULL DEFAULT '{}/1000'
);
