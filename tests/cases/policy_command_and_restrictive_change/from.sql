CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name name NOT NULL,
    tenant text NOT NULL
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_tenant ON documents
    FOR SELECT
    USING (tenant = current_setting('app.tenant', true));
