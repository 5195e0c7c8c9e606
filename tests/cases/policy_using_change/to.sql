CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name name NOT NULL,
    is_public boolean NOT NULL DEFAULT false,
    archived boolean NOT NULL DEFAULT false
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_read ON documents FOR SELECT
    USING (is_public AND NOT archived);
