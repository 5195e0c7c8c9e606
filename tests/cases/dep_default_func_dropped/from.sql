create function new_ticket_ref() returns text
language sql volatile
as $$ select 'T-' || to_char(now(), 'YYYYMMDD') || '-' || floor(random() * 10000)::int $$;

create table tickets (
    id bigint primary key,
    ref text not null default new_ticket_ref(),
    title text not null
);
