create table notes (
    id bigint primary key,
    author name not null default current_user,
    shared boolean not null default false,
    body text not null
);

alter table notes enable row level security;
alter table notes force row level security;

create policy notes_own on notes
    using (author = current_user);

create policy notes_shared on notes
    for select
    using (shared);
