INSERT INTO public.sessions (id, user_name, hits) SELECT g, 'u' || g % 70, g % 9 FROM generate_series(1, 3000) g;
-- the sentinel block (tests/run_shadow.py): keys no writer touches, last in key order
INSERT INTO public.sessions (id, user_name, hits) SELECT 100000 + g, 's', g FROM generate_series(1, 300) g;
