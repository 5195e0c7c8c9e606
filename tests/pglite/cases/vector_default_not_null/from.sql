CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE profiles (
    user_id bigint PRIMARY KEY,
    taste vector(3),
    mood vector(3) DEFAULT '[0,0,0]'
);
