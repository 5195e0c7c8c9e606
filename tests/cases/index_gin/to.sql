CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    name text,
    org_id integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    profile jsonb
);

CREATE INDEX users_profile_gin_idx ON users USING gin (profile);
