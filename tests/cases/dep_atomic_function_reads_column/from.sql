CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    nickname text
);

-- a BEGIN ATOMIC body records its dependency on every column it reads
CREATE FUNCTION display_name(uid bigint) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(nickname, email) FROM users WHERE id = uid;
END;
