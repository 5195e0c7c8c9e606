CREATE TABLE materials (id bigint PRIMARY KEY);
CREATE TABLE ai_log (id bigint PRIMARY KEY);
CREATE TABLE provenance (
  id bigint PRIMARY KEY,
  content_type text NOT NULL,
  content_id bigint NOT NULL
    REFERENCES materials (id)
);
