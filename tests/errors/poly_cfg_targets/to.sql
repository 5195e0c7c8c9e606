CREATE TABLE materials (id bigint PRIMARY KEY, title text);
CREATE TABLE ai_log (id bigint PRIMARY KEY);
CREATE TABLE notes (id integer, slug text);
CREATE TYPE kind AS ENUM ('material', 'ai_response');
CREATE TABLE provenance (
  id bigint PRIMARY KEY,
  content_type text,
  content_kind kind,
  content_id bigint,
  ref_text text
);
