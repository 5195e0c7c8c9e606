CREATE TABLE public.sessions (id integer PRIMARY KEY, user_name text NOT NULL);
CREATE TABLE public.pairs (a integer, b integer);
