-- 250 rows, every 7th without an embedding
INSERT INTO public.chunks
    SELECT g, 'doc ' || g, CASE WHEN g % 7 <> 0 THEN ARRAY[g, g * 0.5, -g]::real[]::public.vector END
    FROM generate_series(1, 250) g;
