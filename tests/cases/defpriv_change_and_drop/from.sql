create schema app;
create schema legacy;

alter default privileges in schema app grant select on tables to sd_reader;
alter default privileges in schema legacy grant all on tables to sd_writer;
alter default privileges for role sd_owner in schema app grant usage on sequences to sd_writer;
