CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    nickname text,
    last_login_at timestamptz
);
