CREATE TABLE public.t (id integer PRIMARY KEY, v integer);
CREATE TABLE public.u (id integer PRIMARY KEY, v integer);
