create aggregate int_sum(integer) (sfunc = int4pl, stype = int4);
alter aggregate int_sum(integer) owner to sd_owner;
create aggregate row_count(*) (sfunc = int8inc, stype = int8, initcond = '0');
comment on aggregate row_count(*) is 'rows';
alter aggregate row_count(*) owner to sd_reader;
