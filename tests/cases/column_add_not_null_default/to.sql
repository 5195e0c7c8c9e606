CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    is_active boolean NOT NULL DEFAULT true,
    login_count integer NOT NULL DEFAULT 0
);
