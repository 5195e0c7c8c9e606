CREATE TABLE notes (
    id bigint PRIMARY KEY,
    author name NOT NULL DEFAULT current_user,
    body text NOT NULL
);

-- the table owner is bound by the policies too
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;

CREATE POLICY notes_own ON notes USING (author = current_user);
