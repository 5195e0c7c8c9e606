-- A migration that replaces a table's primary key: the dropped key leaves room for the new one (the sf_rename replay of check).
CREATE TABLE items (id int PRIMARY KEY, name text);
ALTER TABLE IF EXISTS public.items DROP CONSTRAINT IF EXISTS items_pkey;
CREATE UNIQUE INDEX old_t_pkey ON public.items USING btree (id);
ALTER TABLE public.items ADD CONSTRAINT old_t_pkey PRIMARY KEY USING INDEX old_t_pkey;
