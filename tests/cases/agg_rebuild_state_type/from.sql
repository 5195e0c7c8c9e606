create aggregate total(integer) (sfunc = int4pl, stype = int4);
