\set id random(1, 6000)
\set nid 3001 + random(0, 749) * 8 + :client_id % 8
INSERT INTO public.ledger (id, account, amount) VALUES (:nid, 'w', 7) ON CONFLICT (id) DO UPDATE SET amount = public.ledger.amount + 1;
UPDATE public.ledger SET amount = amount + 3 WHERE id = :id;
DELETE FROM public.ledger WHERE id = :id + 4;
