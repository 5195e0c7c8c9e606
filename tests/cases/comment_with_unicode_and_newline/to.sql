CREATE TABLE users (
    id integer PRIMARY KEY,
    email text
);

COMMENT ON TABLE users IS 'Benutzer — Übersicht
second line with a backslash \ and a tab	end';
COMMENT ON COLUMN users.id IS E'Escaped: it\'s a \\ backslash';
