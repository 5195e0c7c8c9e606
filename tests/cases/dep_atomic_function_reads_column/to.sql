CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

-- the function must change before nickname can be dropped (and back, on rollback)
CREATE FUNCTION display_name(uid bigint) RETURNS text
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT email FROM users WHERE id = uid;
END;
