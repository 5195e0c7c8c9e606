CREATE TABLE users (
    id integer PRIMARY KEY,
    email text
);

COMMENT ON TABLE users IS 'Registered users';
COMMENT ON COLUMN users.email IS 'Primary contact address';
COMMENT ON TABLE users IS NULL;
