CREATE TYPE doc_status AS ENUM ('draft', 'in_review', 'final');

CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL,
    status doc_status NOT NULL DEFAULT 'draft',
    CONSTRAINT documents_status_check CHECK (status <> 'in_review' OR owner_id > 0)
);

CREATE INDEX documents_drafts_idx ON documents (owner_id) WHERE status = 'draft';
