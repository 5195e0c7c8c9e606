CREATE TABLE public.t (id integer PRIMARY KEY, v bigint);
CREATE TABLE public.u (id integer PRIMARY KEY, v bigint);
