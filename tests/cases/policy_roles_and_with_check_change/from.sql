create table documents (
    id bigint primary key,
    owner_name name not null,
    locked boolean not null default false
);

alter table documents enable row level security;

create policy documents_edit on documents
    for update
    to sd_writer
    using (owner_name = current_user);
