CREATE TABLE public.ev (id integer NOT NULL, at date NOT NULL, v integer, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE public.ev_old PARTITION OF public.ev FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE public.ev_new PARTITION OF public.ev FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
CREATE TABLE public.other (id integer);
