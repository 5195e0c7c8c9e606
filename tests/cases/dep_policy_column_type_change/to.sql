create table projects (
    id bigint primary key,
    tenant_id bigint not null,
    name text not null
);

alter table projects enable row level security;

-- a column used in a policy cannot change type: the policy is dropped and created around it
create policy projects_tenant on projects
    using (tenant_id = current_setting('app.tenant_id')::bigint);
