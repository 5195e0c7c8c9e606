-- pinned to an older version than the default (1.8)
create extension hstore version '1.7';

create table docs (
    id int primary key,
    attrs text,
    tags hstore
);
