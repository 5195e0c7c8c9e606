\set id random(1, 6000)
INSERT INTO public.ledger (id, account, amount) VALUES (:id + 3000, 'w', 7) ON CONFLICT (id) DO UPDATE SET amount = public.ledger.amount + 1;
UPDATE public.ledger SET amount = amount + 3 WHERE id = :id;
DELETE FROM public.ledger WHERE id = :id + 4;
