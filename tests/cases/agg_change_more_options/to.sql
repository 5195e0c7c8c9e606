create function avg_final(int8[]) returns numeric language sql immutable
    as $$ select $1[2]::numeric / nullif($1[1], 0) $$;
create aggregate a1(int4) (sfunc = int4_avg_accum, stype = int8[], initcond = '{0,0}', finalfunc = avg_final);
create aggregate a2(int4) (sfunc = int4_avg_accum, stype = int8[], initcond = '{0,0}', finalfunc = int8_avg,
    msfunc = int4_avg_accum, minvfunc = int4_avg_accum_inv, mstype = int8[], mfinalfunc = int8_avg,
    minitcond = '{0,0}', mfinalfunc_modify = read_only, mfinalfunc_extra = off);
create aggregate a3(VARIADIC "any" ORDER BY VARIADIC "any") (sfunc = ordered_set_transition_multi,
    stype = internal, finalfunc = rank_final, finalfunc_extra, hypothetical);
create aggregate a4(numeric) (sfunc = numeric_avg_accum, stype = internal, finalfunc = numeric_avg,
    combinefunc = numeric_avg_combine, serialfunc = numeric_avg_serialize,
    deserialfunc = numeric_avg_deserialize, parallel = safe);
