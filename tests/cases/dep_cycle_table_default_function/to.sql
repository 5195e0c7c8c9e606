create table other (id int);

-- a cycle: the default calls a function whose body reads the table; the
-- plan creates the table without the default and sets it once the function exists
create table tickets (id int primary key, n int not null);
create function next_ticket() returns int language sql
    as $$ select coalesce(max(n), 0) + 1 from tickets $$;
alter table tickets alter column n set default next_ticket();
