CREATE TABLE public.t (id integer PRIMARY KEY, a integer, b text);
CREATE TABLE public.u (id integer PRIMARY KEY, a integer);
