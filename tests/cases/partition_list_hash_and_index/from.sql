create table customers (id bigint not null, region text not null, name text);
