create table vehicles (id serial primary key, make text not null, check (length(make) > 0));

-- cars have what vehicles have, and doors
create table cars (doors int not null default 4) inherits (vehicles);
create table trucks (payload_kg int) inherits (vehicles);
