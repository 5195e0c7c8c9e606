create type mood as enum ('sad', 'ok', 'happy');

create domain positive_int as integer check (value > 0);

create type point3 as (x float8, y float8, z float8);

revoke usage on type mood from public;
grant usage on type mood to sd_reader, sd_writer;

revoke all on domain positive_int from public;
grant usage on domain positive_int to sd_writer;

grant usage on type point3 to sd_owner with grant option;
