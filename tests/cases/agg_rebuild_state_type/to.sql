create aggregate total(integer) (sfunc = int84pl, stype = int8, initcond = '0');
