CREATE TABLE public.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaax (id integer NOT NULL UNIQUE, v bigint);
-- a view the migration creates first holds that name
CREATE VIEW public.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_sdshadow AS SELECT 1 AS one;
