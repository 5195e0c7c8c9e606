CREATE TABLE public.ev (id integer PRIMARY KEY, at date NOT NULL, v integer);
CREATE TABLE public.ev_new (id integer);
