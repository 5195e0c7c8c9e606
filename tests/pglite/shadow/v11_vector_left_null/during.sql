-- after the backfill: only the sync trigger brings these into the shadow (with a NULL embedding)
INSERT INTO public.chunks VALUES (1001, 'new', '[7,8,9]');
UPDATE public.chunks SET embedding = '[1,1,1]', doc = 'changed' WHERE id = 10;
UPDATE public.chunks SET id = 2012 WHERE id = 12;
DELETE FROM public.chunks WHERE id IN (13, 14);
