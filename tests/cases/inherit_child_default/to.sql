create table parent (id int not null, kind text default 'generic');
create table child () inherits (parent);
alter table only child alter column kind set default 'special';
