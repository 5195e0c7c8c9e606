CREATE TABLE public.events (id bigint PRIMARY KEY, created_at date NOT NULL, kind text NOT NULL, payload text,
    CONSTRAINT events_id_created_at_key UNIQUE (id, created_at));
CREATE INDEX events_kind_idx ON public.events (kind);
CREATE TABLE public.notes (id serial PRIMARY KEY, event_id bigint NOT NULL, event_at date NOT NULL, body text,
    CONSTRAINT notes_event_fkey FOREIGN KEY (event_id, event_at) REFERENCES public.events (id, created_at) ON DELETE CASCADE);
CREATE VIEW public.recent AS SELECT id, kind FROM public.events WHERE created_at > '2024-06-01';
