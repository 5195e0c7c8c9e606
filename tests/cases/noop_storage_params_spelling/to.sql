CREATE TABLE public.t (a integer) WITH (autovacuum_enabled='false', fillfactor='70');
CREATE INDEX t_a_idx ON public.t USING btree (a) WITH (fillfactor='80');
