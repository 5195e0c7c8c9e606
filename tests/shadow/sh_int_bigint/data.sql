INSERT INTO public.orders (note, qty) SELECT 'n' || g, g % 7 FROM generate_series(1, 3000) g;
INSERT INTO public.lines (order_id) SELECT g FROM generate_series(1, 3000, 3) g;
