create table accounts (
    id bigint primary key,
    balance numeric(14,2) not null default 0
);

create function forbid_negative_balance() returns trigger
language plpgsql
as $$
begin
    if new.balance < 0 then
        raise exception 'balance of account % would be negative', new.id;
    end if;
    return new;
end;
$$;

create trigger accounts_no_overdraft
    before insert or update of balance on accounts
    for each row execute procedure forbid_negative_balance();
