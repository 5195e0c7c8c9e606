CREATE TABLE posts (id bigint PRIMARY KEY);
CREATE TABLE comments (
  id bigint PRIMARY KEY,
  subject_kind text,
  subject_id bigint,
  owner_table varchar(40),
  owner_id bigint REFERENCES posts (id),
  kind_type integer,
  kind_id bigint
);
CREATE TABLE audit (id bigint PRIMARY KEY, target_type text, target_id bigint);
