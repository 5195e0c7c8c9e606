CREATE TABLE tokens (
    id integer PRIMARY KEY,
    kind text DEFAULT lower('X'),
    expires_at timestamptz DEFAULT now() + interval '30 days',
    score integer DEFAULT (-5 * 2)
);
