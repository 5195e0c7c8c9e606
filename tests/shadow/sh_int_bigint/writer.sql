\set id random(1, 3600)
INSERT INTO public.orders (note) VALUES ('w');
UPDATE public.orders SET note = 'u' || :id, qty = qty + 1 WHERE id = :id;
DELETE FROM public.orders WHERE id = :id + 7;
