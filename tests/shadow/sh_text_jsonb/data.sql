INSERT INTO public.docs SELECT g, '{"n": ' || g || ', "s": "x"}', 't' || g % 10 FROM generate_series(1, 3000) g;
