create aggregate msum(int8) (sfunc = int8pl, stype = int8, msfunc = int8pl, minvfunc = int8mi, mstype = int8);
