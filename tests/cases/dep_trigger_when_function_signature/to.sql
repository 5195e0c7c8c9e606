create table payments (
    id bigint primary key,
    amount integer not null,
    flagged boolean not null default false
);

-- is_large(integer) becomes is_large(numeric, numeric): the trigger whose WHEN calls it
-- must be dropped before the old function and created after the new one
create function is_large(amount numeric, threshold numeric default 10000) returns boolean
language sql immutable
as $$ select amount > threshold $$;

create function flag_payment() returns trigger
language plpgsql
as $$
begin
    new.flagged := true;
    return new;
end;
$$;

create trigger payments_flag_large
    before insert on payments
    for each row
    when (is_large(new.amount))
    execute function flag_payment();
