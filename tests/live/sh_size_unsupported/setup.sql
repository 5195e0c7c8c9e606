CREATE TABLE public.ev (id integer, at date NOT NULL, v integer, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE public.ev_2024 PARTITION OF public.ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.plain (id integer PRIMARY KEY, v integer);
INSERT INTO public.ev SELECT g, date '2024-01-01' + g % 300, g FROM generate_series(1, 2000) g;
INSERT INTO public.plain SELECT g, g FROM generate_series(1, 2000) g;
ANALYZE;
