create table customers (
    id bigint primary key,
    name text not null,
    email text,
    active boolean not null default true
);
