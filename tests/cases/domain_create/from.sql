create table contacts (
    id bigint primary key,
    name text not null
);
