INSERT INTO app.items SELECT 'sku' || g, g, 'b' || g, g / 3.0 FROM generate_series(1, 3000) g;
