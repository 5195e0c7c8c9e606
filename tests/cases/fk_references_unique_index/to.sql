-- The key a foreign key references may be a unique index (pg_dump writes it as CREATE UNIQUE
-- INDEX, before the foreign keys); the plan must create it before the foreign key. The columns
-- match as a set, in any order.
CREATE TABLE project (
    id integer PRIMARY KEY,
    resource_id text NOT NULL,
    org text NOT NULL,
    slug text NOT NULL
);
CREATE TABLE changelist (
    id integer PRIMARY KEY,
    project text NOT NULL,
    org text,
    slug text
);
CREATE UNIQUE INDEX idx_project_unique_resource_id ON project USING btree (resource_id);
ALTER TABLE project ADD CONSTRAINT project_org_slug_key UNIQUE (org, slug);
ALTER TABLE changelist ADD CONSTRAINT changelist_project_fkey FOREIGN KEY (project) REFERENCES project (resource_id);
ALTER TABLE changelist ADD CONSTRAINT changelist_slug_fkey FOREIGN KEY (slug, org) REFERENCES project (slug, org);
