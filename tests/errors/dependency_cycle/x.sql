create table t (a int);
create function f(x int) returns int language sql as $$ select g(x) $$;
create function g(x int) returns int language sql as $$ select f(x) + 1 $$;
