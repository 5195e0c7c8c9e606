CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_name text NOT NULL,
    published boolean NOT NULL DEFAULT false,
    body text
);

CREATE VIEW published_documents AS
    SELECT id, owner_name, published, body FROM documents WHERE published;
