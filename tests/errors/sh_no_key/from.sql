CREATE TABLE public.logs (at timestamptz, msg text);
