CREATE TABLE public.orders (id integer PRIMARY KEY, v bigint);
CREATE TABLE public.orders_sdold (id integer);
