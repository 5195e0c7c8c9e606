CREATE TABLE public.orders (id integer PRIMARY KEY, v integer);
CREATE TABLE public.orders_sdold (id integer);
