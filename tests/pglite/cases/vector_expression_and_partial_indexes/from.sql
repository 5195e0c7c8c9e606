CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (
  id bigint PRIMARY KEY,
  category text NOT NULL,
  embedding vector(3),
  history vector(3)[],
  hv halfvec(3)
);
