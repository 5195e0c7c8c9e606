CREATE TABLE notes (
    id bigint PRIMARY KEY,
    author name NOT NULL DEFAULT current_user,
    body text NOT NULL
);

ALTER TABLE notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY notes_own ON notes USING (author = current_user);
