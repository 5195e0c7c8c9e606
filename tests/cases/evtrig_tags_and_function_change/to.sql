create function log_ddl() returns event_trigger
language plpgsql
as $$
begin
    raise log 'ddl (%): %', tg_event, tg_tag;
end;
$$;

create event trigger log_table_ddl
    on ddl_command_end
    when tag in ('CREATE TABLE', 'ALTER TABLE', 'DROP TABLE')
    execute function log_ddl();
