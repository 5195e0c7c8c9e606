CREATE TABLE tokens (
    id integer PRIMARY KEY,
    kind text DEFAULT 'x',
    expires_at timestamptz,
    score integer DEFAULT 0
);
