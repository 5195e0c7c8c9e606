CREATE TABLE users (
    id integer PRIMARY KEY,
    email text
);

COMMENT ON TABLE users IS 'The customer''s account; don''t delete rows';
COMMENT ON COLUMN users.email IS 'It''s "unique" per tenant -- not globally; see ''docs/users.md''';
