CREATE TABLE public.big (id integer PRIMARY KEY, v bigint, pad text);
CREATE TABLE public.small (id integer PRIMARY KEY, v bigint);
CREATE TABLE public.other (id integer PRIMARY KEY, v integer);
