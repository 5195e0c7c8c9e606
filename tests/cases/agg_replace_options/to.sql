create aggregate int_sum(integer) (sfunc = int4pl, stype = int4, initcond = '10', parallel = safe, combinefunc = int4pl);
create aggregate txt_max(text) (sfunc = text_smaller, stype = text, sortop = <, sspace = 64);
create function txt_final(text) returns text language sql immutable as $$ select upper($1) $$;
create aggregate txt_final_max(text) (sfunc = text_larger, stype = text, finalfunc = txt_final, finalfunc_modify = shareable, finalfunc_extra = false);
