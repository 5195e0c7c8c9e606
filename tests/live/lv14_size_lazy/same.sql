CREATE TABLE public.big (id integer PRIMARY KEY, v integer, pad text);
CREATE TABLE public.small (id integer PRIMARY KEY, v integer);
CREATE TABLE public.other (id integer PRIMARY KEY, v integer);
