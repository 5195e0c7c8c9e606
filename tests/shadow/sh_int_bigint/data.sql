INSERT INTO public.orders (note, qty) SELECT 'n' || g, g % 7 FROM generate_series(1, 3000) g;
INSERT INTO public.lines (order_id) SELECT g FROM generate_series(1, 3000, 3) g;
-- the sentinel block (tests/run_shadow.py): keys no writer touches (writers update and delete ids
-- up to 3607 and insert from the sequence, far below), last in key order; the test locks the row of
-- `sentinel` and the backfill stops there midway
INSERT INTO public.orders (id, note, qty) SELECT 1000000000 + g, 's' || g, 1 FROM generate_series(1, 300) g;
