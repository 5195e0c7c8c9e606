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

-- checked at commit, once all lines of a transaction are in
create constraint trigger ledger_balanced
    after insert or update on ledger_entries
    deferrable initially deferred
    for each row
    execute function check_txn_balanced();
