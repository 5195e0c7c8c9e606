CREATE FUNCTION current_tenant() RETURNS int
LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::int $$;

CREATE TABLE projects (
    id bigint PRIMARY KEY,
    tenant_id int NOT NULL DEFAULT current_tenant(),
    name text NOT NULL
);

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;

CREATE POLICY projects_tenant ON projects
    USING (tenant_id = current_tenant())
    WITH CHECK (tenant_id = current_tenant());
