create table notes (
    id bigint primary key,
    author name not null default current_user,
    shared boolean not null default false,
    body text not null
);
