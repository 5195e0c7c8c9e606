INSERT INTO app.items SELECT 'sku' || g, g, 'b' || g, g / 3.0 FROM generate_series(1, 3000) g;
-- the sentinel block (tests/run_shadow.py): keys no writer touches (writers use 'sku' || n), after
-- theirs in key order; the test locks the row of `sentinel` and the backfill stops there midway
INSERT INTO app.items SELECT 'zz' || lpad(g::text, 4, '0'), g, 'z', 0 FROM generate_series(1, 300) g;
