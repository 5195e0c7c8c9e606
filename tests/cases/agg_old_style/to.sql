create aggregate old_sum (basetype = int4, sfunc = int4pl, stype = int4, initcond = '0');
create aggregate old_count (basetype = 'ANY', sfunc1 = int8inc, stype1 = int8, initcond1 = '0');
