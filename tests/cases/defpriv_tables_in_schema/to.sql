create schema app;

create table app.items (
    id int primary key
);

-- tables and sequences created later in app are readable by sd_reader
alter default privileges in schema app grant select on tables to sd_reader;
alter default privileges in schema app grant usage, select on sequences to sd_writer;
