-- a new attribute at the end: ALTER TYPE ... ADD ATTRIBUTE, even with a column of the type
create type money_amount as (
    amount numeric(14,2),
    currency char(3),
    rate_to_eur numeric(12,6)
);

create table payments (
    id bigint primary key,
    paid money_amount not null
);
