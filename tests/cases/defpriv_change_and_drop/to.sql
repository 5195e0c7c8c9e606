create schema app;
create schema legacy;

-- readers may also insert into new tables of app; the legacy and sequence defaults are gone
alter default privileges in schema app grant select, insert on tables to sd_reader;
