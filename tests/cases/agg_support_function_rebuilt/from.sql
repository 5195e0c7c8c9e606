create function acc(s integer, v integer) returns integer language sql immutable as $$ select s + v $$;
create aggregate acc_sum(integer) (sfunc = acc, stype = integer);
