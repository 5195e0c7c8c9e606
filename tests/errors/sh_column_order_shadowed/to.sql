CREATE TABLE public.t (id integer PRIMARY KEY, b text, a integer);
