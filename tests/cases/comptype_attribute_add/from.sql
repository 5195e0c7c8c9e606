create type money_amount as (
    amount numeric(14,2),
    currency char(3)
);

create table payments (
    id bigint primary key,
    paid money_amount not null
);
