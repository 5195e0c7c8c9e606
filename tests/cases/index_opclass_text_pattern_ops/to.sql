CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    name text,
    org_id integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    profile jsonb
);

CREATE INDEX users_name_pattern_idx ON users (name text_pattern_ops);
