create table base_a (id int not null, note text);
create table base_b (id int not null, note text);
create table child (extra int) inherits (base_a);
