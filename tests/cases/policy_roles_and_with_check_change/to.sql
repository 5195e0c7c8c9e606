create table documents (
    id bigint primary key,
    owner_name name not null,
    locked boolean not null default false
);

alter table documents enable row level security;

-- ALTER POLICY can change roles and WITH CHECK in place
create policy documents_edit on documents
    for update
    to sd_writer, sd_owner
    using (owner_name = current_user)
    with check (owner_name = current_user and not locked);
