create table accounts (
    id bigint primary key,
    balance numeric(14,2) not null default 0
);
