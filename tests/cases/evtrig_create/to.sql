create table things (
    id int primary key
);

create function log_ddl() returns event_trigger
language plpgsql
as $$
begin
    raise log 'ddl: %', tg_tag;
end;
$$;

-- log every table and index change
create event trigger log_table_ddl
    on ddl_command_end
    when tag in ('CREATE TABLE', 'ALTER TABLE', 'CREATE INDEX')
    execute function log_ddl();
