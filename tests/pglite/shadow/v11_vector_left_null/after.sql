-- after the cutover, on the new vector(4) table (embeddings being recomputed): the reverse sync
-- leaves the old table's embedding NULL where the new one writes one, and keeps it elsewhere
INSERT INTO public.chunks VALUES (3001, 'after', '[1,2,3,4]');
UPDATE public.chunks SET embedding = '[5,6,7,8]' WHERE id = 20;
UPDATE public.chunks SET doc = 'renamed after' WHERE id = 23;
DELETE FROM public.chunks WHERE id = 22;
