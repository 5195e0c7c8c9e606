CREATE TYPE public.pt AS (id integer, v bigint);
CREATE TABLE public.typed OF public.pt (PRIMARY KEY (id));
