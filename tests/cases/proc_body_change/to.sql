create table audit_log (
    id bigint generated always as identity primary key,
    logged_at timestamptz not null default now(),
    message text not null
);

create procedure log_message(msg text)
language sql
as $$ insert into audit_log (message) values (left(trim(msg), 500)) $$;
