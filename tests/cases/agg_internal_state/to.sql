create aggregate my_avg(numeric) (sfunc = numeric_avg_accum, stype = internal, finalfunc = numeric_avg,
    combinefunc = numeric_avg_combine, serialfunc = numeric_avg_serialize, deserialfunc = numeric_avg_deserialize,
    parallel = safe);
