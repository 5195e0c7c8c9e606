create aggregate int_sum(integer) (sfunc = int4pl, stype = int4);
alter aggregate int_sum(integer) owner to sd_writer;
comment on aggregate int_sum(int4) is 'a sum';
revoke all on function int_sum(integer) from public;
grant execute on function int_sum(integer) to sd_reader;
create aggregate row_count(*) (sfunc = int8inc, stype = int8, initcond = '0');
alter aggregate row_count(*) owner to sd_owner;
comment on aggregate row_count(*) is 'all rows';
