create table customers (
    id bigint primary key,
    name text not null
);
