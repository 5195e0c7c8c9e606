CREATE TABLE public.docs (id integer PRIMARY KEY, body jsonb, tag text NOT NULL);
