CREATE TABLE public.sessions (id integer PRIMARY KEY, user_name text NOT NULL, token uuid NOT NULL DEFAULT gen_random_uuid());
CREATE TABLE public.pairs (b integer, a integer);
