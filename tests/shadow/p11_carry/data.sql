INSERT INTO public.ledger (id, account, amount, note) SELECT g, 'a' || g % 40, g % 700 - 100, 'n' FROM generate_series(1, 3000) g;
-- the sentinel block (tests/run_shadow.py): keys no writer touches, last in key order
INSERT INTO public.ledger (id, account, amount) SELECT 100000 + g, 's', g FROM generate_series(1, 300) g;
