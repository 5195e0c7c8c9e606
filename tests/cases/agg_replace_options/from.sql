create aggregate int_sum(integer) (sfunc = int4pl, stype = int4, initcond = 0);
create aggregate txt_max(text) (sfunc = text_larger, stype = text);
create function txt_final(text) returns text language sql immutable as $$ select upper($1) $$;
create aggregate txt_final_max(text) (sfunc = text_larger, stype = text, finalfunc = txt_final);
