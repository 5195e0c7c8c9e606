create table customers (id bigint not null, region text not null, name text) partition by list (region);
create table customers_eu partition of customers for values in ('de', 'fr', 'it');
create table customers_us partition of customers for values in ('us');
create index customers_name_idx on customers (name);
alter table customers add primary key (id, region);

create table sessions (id bigint not null, user_id bigint) partition by hash (id);
create table sessions_0 partition of sessions for values with (modulus 2, remainder 0);
create table sessions_1 partition of sessions for values with (modulus 2, remainder 1);
