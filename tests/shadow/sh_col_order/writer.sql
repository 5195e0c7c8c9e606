\set id random(1, 6000)
\set r random(1, 2000000000)
INSERT INTO app.items VALUES ('sku' || (:id + 3000), :id, 'w', 1.5) ON CONFLICT (sku) DO NOTHING;
UPDATE app.items SET a = a + 1, c = c + 0.25 WHERE sku = 'sku' || :id;
UPDATE app.items SET sku = sku || 'x' || :r WHERE sku = 'sku' || (:id + 11);
DELETE FROM app.items WHERE sku = 'sku' || (:id + 3);
