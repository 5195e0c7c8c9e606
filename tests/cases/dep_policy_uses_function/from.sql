CREATE TABLE projects (
    id bigint PRIMARY KEY,
    tenant_id int NOT NULL,
    name text NOT NULL
);
