create type mood as enum ('sad', 'ok', 'happy');

create domain positive_int as integer check (value > 0);

create type point3 as (x float8, y float8, z float8);
