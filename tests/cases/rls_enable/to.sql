create table notes (
    id bigint primary key,
    author name not null default current_user,
    body text not null
);

alter table notes enable row level security;
