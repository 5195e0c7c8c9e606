\set id random(1, 6000)
\set nid 3001 + random(0, 749) * 8 + :client_id % 8
INSERT INTO public.events (id, created_at, kind, payload) VALUES (:nid, date '2023-01-01' + (:nid % 800), 'w', 'x') ON CONFLICT (id, created_at) DO UPDATE SET payload = 'u';
UPDATE public.events SET created_at = date '2023-01-01' + (created_at - date '2023-01-01' + 200) % 1000, payload = 'm' WHERE id = :id % 2000 + 1;
UPDATE public.events SET payload = 'p' WHERE id = :id;
DELETE FROM public.events WHERE id = :id + 4 AND id NOT BETWEEN 2001 AND 2500;
