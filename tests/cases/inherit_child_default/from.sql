create table parent (id int not null, kind text default 'generic');
create table child () inherits (parent);
