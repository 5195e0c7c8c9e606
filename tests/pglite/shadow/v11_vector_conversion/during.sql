-- after the backfill: only the sync trigger brings these into the shadow
INSERT INTO public.chunks VALUES (1001, 'new', '[7,8,9]'), (1002, 'new, none', NULL);
UPDATE public.chunks SET embedding = '[1,1,1]' WHERE id = 10;
UPDATE public.chunks SET doc = 'renamed' WHERE id = 11;
UPDATE public.chunks SET id = 2012 WHERE id = 12;
DELETE FROM public.chunks WHERE id IN (13, 14);
