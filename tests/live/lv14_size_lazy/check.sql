CREATE TABLE public.big (id integer PRIMARY KEY, v integer, pad text);
CREATE TABLE public.small (id integer PRIMARY KEY, v integer CHECK (v > 0));
CREATE TABLE public.other (id integer PRIMARY KEY, v integer);
