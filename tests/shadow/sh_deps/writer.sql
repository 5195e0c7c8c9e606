\set id random(1, 6000)
INSERT INTO public.accounts (id, owner_name, balance) VALUES (:id + 3000, 'w', 7) ON CONFLICT (id) DO UPDATE SET balance = public.accounts.balance + 1;
UPDATE public.accounts SET balance = balance + 3 WHERE id = :id;
DELETE FROM public.accounts WHERE id = :id + 4;
