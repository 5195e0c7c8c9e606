CREATE TABLE public.ev (id integer, at date NOT NULL, v integer, PRIMARY KEY (id, at)) PARTITION BY RANGE ((at + 1));
