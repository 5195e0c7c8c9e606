create function add_days(d date, n integer) returns date
language sql immutable
as $$ select d + n $$;
