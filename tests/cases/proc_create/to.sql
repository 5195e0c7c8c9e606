create table audit_log (
    id bigint generated always as identity primary key,
    logged_at timestamptz not null default now(),
    message text not null
);

-- housekeeping, called from cron
create procedure purge_audit_log(keep_days int default 90)
language plpgsql
as $$
begin
    delete from audit_log where logged_at < now() - make_interval(days => keep_days);
    commit;
end;
$$;

create procedure log_message(msg text)
language sql
as $$ insert into audit_log (message) values (msg) $$;
