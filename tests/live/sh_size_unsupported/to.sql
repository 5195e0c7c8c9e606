CREATE TABLE public.ev (id integer, at date NOT NULL, v bigint, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE public.ev_2024 PARTITION OF public.ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.plain (id integer PRIMARY KEY, v bigint);
