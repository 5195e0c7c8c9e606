create function acc(s bigint, v integer) returns bigint language sql immutable as $$ select s + v $$;
create aggregate acc_sum(integer) (sfunc = acc, stype = bigint);
