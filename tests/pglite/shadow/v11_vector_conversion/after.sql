-- after the cutover, on the new vector(4) table: the reverse sync converts them back
INSERT INTO public.chunks VALUES (3001, 'after', '[1,2,3,4]');
UPDATE public.chunks SET embedding = '[5,6,7,8]' WHERE id = 20;
UPDATE public.chunks SET doc = 'renamed after' WHERE id = 23;
DELETE FROM public.chunks WHERE id = 22;
