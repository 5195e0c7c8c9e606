create table vehicles (id serial primary key, make text not null, check (length(make) > 0));
