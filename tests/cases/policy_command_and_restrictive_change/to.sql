CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name name NOT NULL,
    tenant text NOT NULL
);

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

-- command and PERMISSIVE/RESTRICTIVE cannot be altered: drop and create
CREATE POLICY documents_tenant ON documents
    AS RESTRICTIVE
    FOR ALL
    USING (tenant = current_setting('app.tenant', true));
