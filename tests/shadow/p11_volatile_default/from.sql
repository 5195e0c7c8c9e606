CREATE TABLE public.sessions (id integer PRIMARY KEY, user_name text NOT NULL, hits integer NOT NULL DEFAULT 0);
