CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name text NOT NULL,
    published boolean NOT NULL DEFAULT false,
    body text
);

CREATE VIEW published_documents
    WITH (security_barrier = true, security_invoker = true)
AS
    SELECT id, owner_name, published, body FROM documents WHERE published
    WITH LOCAL CHECK OPTION;
