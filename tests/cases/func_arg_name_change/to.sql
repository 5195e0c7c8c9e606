-- renaming an input parameter needs DROP FUNCTION first
create function add_days(start_date date, days integer) returns date
language sql immutable
as $$ select start_date + days $$;
