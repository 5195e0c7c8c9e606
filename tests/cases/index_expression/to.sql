CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    name text,
    org_id integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    profile jsonb
);

CREATE UNIQUE INDEX users_lower_email_idx ON users (lower(email));
CREATE INDEX users_created_day_idx ON users (((created_at AT TIME ZONE 'UTC')::date));
