CREATE TABLE public.ev (id integer NOT NULL, at date NOT NULL, v integer, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE public.ev_new PARTITION OF public.ev FOR VALUES FROM (MINVALUE) TO (MAXVALUE);
