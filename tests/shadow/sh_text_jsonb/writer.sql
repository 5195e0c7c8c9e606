\set id random(1, 6000)
INSERT INTO public.docs VALUES (:id + 3000, '{"w": :id}', 'w') ON CONFLICT (id) DO UPDATE SET body = '{"again": true}';
UPDATE public.docs SET body = '[1, 2, :id]', tag = 'u' WHERE id = :id;
DELETE FROM public.docs WHERE id = :id - 5;
