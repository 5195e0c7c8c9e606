-- replaced by a CHECK; the trigger has to go before its function
create table accounts (
    id bigint primary key,
    balance numeric(14,2) not null default 0 check (balance >= 0)
);
