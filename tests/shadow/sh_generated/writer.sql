\set id random(1, 6000)
INSERT INTO public.stock VALUES (:id + 3000, 1, 2) ON CONFLICT (id) DO UPDATE SET qty = public.stock.qty + 1;
UPDATE public.stock SET price = price + 1 WHERE id = :id;
DELETE FROM public.stock WHERE id = :id + 9;
