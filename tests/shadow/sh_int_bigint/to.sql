CREATE TABLE public.orders (id bigserial PRIMARY KEY, note text, qty integer NOT NULL DEFAULT 1,
    -- named like the backfill function's parameters (last, n, hi, done): never ambiguous
    "last" text, n integer DEFAULT 0, hi integer, done boolean NOT NULL DEFAULT false);
CREATE TABLE public.lines (id serial PRIMARY KEY, order_id integer REFERENCES public.orders (id) ON DELETE CASCADE);
CREATE INDEX lines_order_id_idx ON public.lines (order_id);
CREATE INDEX orders_note_idx ON public.orders (note);
