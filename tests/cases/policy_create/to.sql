CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name name NOT NULL,
    is_public boolean NOT NULL DEFAULT false,
    body text
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

-- readers see public documents
CREATE POLICY documents_read ON documents
    AS PERMISSIVE
    FOR SELECT
    TO sd_reader
    USING (is_public);

-- writers manage their own
CREATE POLICY documents_write ON documents
    FOR ALL
    TO sd_writer
    USING (owner_name = current_user)
    WITH CHECK (owner_name = current_user);
