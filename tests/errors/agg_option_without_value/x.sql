create aggregate total(integer) (sfunc = int8pl,sfunc = int4pl, stype );
