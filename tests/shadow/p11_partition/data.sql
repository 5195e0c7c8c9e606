INSERT INTO public.events (id, created_at, kind, payload)
    SELECT g, date '2023-01-01' + (g % 1000), (ARRAY['a', 'b', 'c'])[g % 3 + 1], 'd' FROM generate_series(1, 3000) g;
-- rows the foreign key of notes references: writers move no created_at of these (ids 2001-2500)
INSERT INTO public.notes (event_id, event_at, body) SELECT id, created_at, 'n' FROM public.events WHERE id BETWEEN 2001 AND 2500;
-- the sentinel block (tests/run_shadow.py): keys no writer touches, last in key order
INSERT INTO public.events (id, created_at, kind, payload) SELECT 100000 + g, date '2024-03-01', 'a', 's' FROM generate_series(1, 300) g;
