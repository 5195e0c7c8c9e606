create table documents (
    id bigint primary key,
    owner_name name not null,
    is_public boolean not null default false
);

alter table documents enable row level security;

-- documents_read is gone; row level security stays on
create policy documents_own on documents using (owner_name = current_user);
