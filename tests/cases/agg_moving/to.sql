create aggregate msum(int8) (sfunc = int8pl, stype = int8, msfunc = int8pl, minvfunc = int8mi, mstype = int8,
    minitcond = '0', msspace = 16);
create aggregate mavg(int4) (sfunc = int4_avg_accum, stype = int8[], finalfunc = int8_avg, initcond = '{0,0}',
    msfunc = int4_avg_accum, minvfunc = int4_avg_accum_inv, mstype = int8[], mfinalfunc = int8_avg, minitcond = '{0,0}');
