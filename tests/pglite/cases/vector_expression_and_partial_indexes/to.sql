CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (
  id bigint PRIMARY KEY,
  category text NOT NULL,
  embedding vector(3),
  history vector(3)[],
  hv halfvec(3)
);
CREATE INDEX items_expr_hnsw ON items USING hnsw ((embedding::halfvec(3)) halfvec_l2_ops);
CREATE INDEX items_partial_hnsw ON items USING hnsw (embedding vector_cosine_ops) WHERE category = 'book';
CREATE INDEX items_bq ON items USING hnsw ((binary_quantize(embedding)::bit(3)) bit_hamming_ops);
CREATE INDEX items_ivf ON items USING ivfflat (hv halfvec_ip_ops) WITH (lists = 10);
