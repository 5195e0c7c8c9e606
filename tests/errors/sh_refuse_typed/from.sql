CREATE TYPE public.pt AS (id integer, v integer);
CREATE TABLE public.typed OF public.pt (PRIMARY KEY (id));
