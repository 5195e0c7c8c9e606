create table customers (
    id bigint primary key,
    email text not null
);
