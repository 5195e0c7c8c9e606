CREATE TYPE doc_status AS ENUM ('draft', 'final');

CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL,
    status doc_status NOT NULL DEFAULT 'draft'
);

CREATE INDEX documents_drafts_idx ON documents (owner_id) WHERE status = 'draft';
