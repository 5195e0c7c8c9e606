create table ledger_entries (
    id bigint primary key,
    txn_id bigint not null,
    amount numeric(14,2) not null
);

create function check_txn_balanced() returns trigger
language plpgsql
as $$
begin
    if (select sum(amount) from ledger_entries where txn_id = new.txn_id) <> 0 then
        raise exception 'transaction % does not balance', new.txn_id;
    end if;
    return null;
end;
$$;
