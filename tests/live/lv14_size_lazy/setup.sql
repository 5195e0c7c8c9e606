CREATE TABLE public.big (id integer PRIMARY KEY, v integer, pad text);
CREATE TABLE public.small (id integer PRIMARY KEY, v integer);
CREATE TABLE public.other (id integer PRIMARY KEY, v integer);
INSERT INTO public.big SELECT g, g, repeat('x', 200) FROM generate_series(1, 2000) g;
INSERT INTO public.small VALUES (1, 1);
INSERT INTO public.other SELECT g, g FROM generate_series(1, 2000) g;
ANALYZE;
