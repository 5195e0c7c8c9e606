CREATE TABLE public.docs (id integer PRIMARY KEY, body text, tag text NOT NULL);
