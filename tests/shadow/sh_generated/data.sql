INSERT INTO public.stock SELECT g, g % 13, g % 101 FROM generate_series(1, 3000) g;
