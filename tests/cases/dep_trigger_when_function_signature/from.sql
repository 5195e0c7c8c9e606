create table payments (
    id bigint primary key,
    amount integer not null,
    flagged boolean not null default false
);

create function is_large(amount integer) returns boolean
language sql immutable
as $$ select amount > 10000 $$;

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
