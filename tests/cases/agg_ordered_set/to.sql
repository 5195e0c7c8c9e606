create aggregate my_percentile(float8 ORDER BY float8) (sfunc = ordered_set_transition, stype = internal,
    finalfunc = percentile_disc_final, finalfunc_extra);
create aggregate my_rank(VARIADIC "any" ORDER BY VARIADIC "any") (sfunc = ordered_set_transition_multi,
    stype = internal, finalfunc = rank_final, finalfunc_extra, hypothetical);
create aggregate my_mode(ORDER BY anyelement) (sfunc = ordered_set_transition, stype = internal,
    finalfunc = mode_final, finalfunc_extra);
create table scores (v float8);
create view median_score as select my_percentile(0.5) within group (order by v) as m from scores;
comment on aggregate my_percentile(float8 ORDER BY float8) is 'a percentile';
comment on aggregate my_rank(VARIADIC "any" ORDER BY VARIADIC "any") is 'a rank';
revoke all on function my_rank("any") from public;
grant execute on function my_rank("any") to sd_reader;
