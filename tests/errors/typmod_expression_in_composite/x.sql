create type money_amount as (amount numeric(14?2), currency char(3));
