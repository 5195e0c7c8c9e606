CREATE TABLE public.events (id bigint NOT NULL, created_at date NOT NULL, kind text NOT NULL, payload text,
    CONSTRAINT events_pkey PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
CREATE TABLE public.events_2023 PARTITION OF public.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY RANGE (created_at);
CREATE TABLE public.events_2024_h1 PARTITION OF public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE TABLE public.events_2024_h2 PARTITION OF public.events_2024 FOR VALUES FROM ('2024-07-01') TO ('2025-01-01');
CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
COMMENT ON TABLE public.events_2023 IS 'last year';
CREATE INDEX events_kind_idx ON public.events (kind);
CREATE TABLE public.notes (id serial PRIMARY KEY, event_id bigint NOT NULL, event_at date NOT NULL, body text,
    CONSTRAINT notes_event_fkey FOREIGN KEY (event_id, event_at) REFERENCES public.events (id, created_at) ON DELETE CASCADE);
CREATE VIEW public.recent AS SELECT id, kind FROM public.events WHERE created_at > '2024-06-01';
