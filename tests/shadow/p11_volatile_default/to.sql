CREATE TABLE public.sessions (id integer PRIMARY KEY, user_name text NOT NULL, hits integer NOT NULL DEFAULT 0,
    token uuid NOT NULL DEFAULT gen_random_uuid(), seen_at timestamptz NOT NULL DEFAULT clock_timestamp());
