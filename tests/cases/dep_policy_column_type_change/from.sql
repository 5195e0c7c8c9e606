create table projects (
    id bigint primary key,
    tenant_id int not null,
    name text not null
);

alter table projects enable row level security;

create policy projects_tenant on projects
    using (tenant_id = current_setting('app.tenant_id')::int);
