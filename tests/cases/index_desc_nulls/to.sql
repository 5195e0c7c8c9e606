CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    name text,
    org_id integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    profile jsonb
);

CREATE INDEX users_created_desc_idx ON users (created_at DESC);
CREATE INDEX users_deleted_nulls_first_idx ON users (deleted_at NULLS FIRST);
CREATE INDEX users_org_desc_nulls_last_idx ON users (org_id DESC NULLS LAST, name ASC NULLS FIRST);
