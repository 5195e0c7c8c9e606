CREATE TABLE public.t (id integer PRIMARY KEY, b text, a integer);
CREATE TABLE public.u (id integer PRIMARY KEY, a integer, c text);
