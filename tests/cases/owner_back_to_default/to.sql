-- no OWNER TO: everything owned by the role that runs the migration
create schema app;

create table app.widgets (
    id int primary key,
    label text
);

create function app.widget_count() returns bigint
language sql stable
as $$ select count(*) from app.widgets $$;
