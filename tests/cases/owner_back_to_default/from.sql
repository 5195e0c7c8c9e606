create schema app;
alter schema app owner to sd_owner;

create table app.widgets (
    id int primary key,
    label text
);
alter table app.widgets owner to sd_owner;

create function app.widget_count() returns bigint
language sql stable
as $$ select count(*) from app.widgets $$;
alter function app.widget_count() owner to sd_writer;
