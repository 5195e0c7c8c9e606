INSERT INTO public.accounts (id, owner_name, balance) SELECT g, 'o' || g % 50, g % 500 FROM generate_series(1, 3000) g;
-- the sentinel block (tests/run_shadow.py): keys no writer touches (writers use ids up to 9009),
-- last in key order; the test locks the row of `sentinel` and the backfill stops there midway
INSERT INTO public.accounts (id, owner_name, balance) SELECT 100000 + g, 's', g FROM generate_series(1, 300) g;
