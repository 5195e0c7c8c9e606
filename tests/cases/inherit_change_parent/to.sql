create table base_a (id int not null, note text);
create table base_b (id int not null, note text);
create table child (id int not null, note text, extra int);
alter table child inherit base_b;
