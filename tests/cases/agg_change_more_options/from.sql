create function avg_final(int8[]) returns numeric language sql immutable
    as $$ select $1[2]::numeric / nullif($1[1], 0) $$;
-- final function changed: re-created
create aggregate a1(int4) (sfunc = int4_avg_accum, stype = int8[], initcond = '{0,0}', finalfunc = int8_avg);
-- moving-aggregate support added: replaced
create aggregate a2(int4) (sfunc = int4_avg_accum, stype = int8[], initcond = '{0,0}', finalfunc = int8_avg);
-- ordered-set becomes hypothetical: re-created
create aggregate a3(VARIADIC "any" ORDER BY VARIADIC "any") (sfunc = ordered_set_transition_multi,
    stype = internal, finalfunc = rank_final, finalfunc_extra);
-- combine, serialization and parallel safety added: replaced
create aggregate a4(numeric) (sfunc = numeric_avg_accum, stype = internal, finalfunc = numeric_avg);
