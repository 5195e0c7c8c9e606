\set id random(1, 6000)
INSERT INTO public.sessions (id, user_name) VALUES (:id + 3000, 'w') ON CONFLICT (id) DO UPDATE SET hits = public.sessions.hits + 1;
UPDATE public.sessions SET hits = hits + 1 WHERE id = :id;
DELETE FROM public.sessions WHERE id = :id + 4;
