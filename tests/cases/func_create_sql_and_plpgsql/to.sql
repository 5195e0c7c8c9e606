create table accounts (
    id bigint primary key,
    balance numeric(14,2) not null default 0
);

-- a plain SQL helper
create function account_balance(acct bigint) returns numeric
    language sql stable
as $$
    select balance from accounts where id = acct
$$;

-- and a PL/pgSQL one
create or replace function transfer(src bigint, dst bigint, amount numeric)
returns void
language plpgsql
as $fn$
declare
    left_over numeric;
begin
    update accounts set balance = balance - amount where id = src
        returning balance into left_over;
    if left_over < 0 then
        raise exception 'insufficient funds on %', src;
    end if;
    update accounts set balance = balance + amount where id = dst;
end;
$fn$;
