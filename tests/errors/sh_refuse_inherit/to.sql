CREATE TABLE public.par (id integer PRIMARY KEY, v bigint);
CREATE TABLE public.kid (extra text, PRIMARY KEY (id)) INHERITS (public.par);
