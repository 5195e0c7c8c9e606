CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name name NOT NULL,
    is_public boolean NOT NULL DEFAULT false,
    body text
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
