CREATE TABLE public.accounts (id integer PRIMARY KEY, owner_name text NOT NULL, balance bigint NOT NULL DEFAULT 0,
    touched integer NOT NULL DEFAULT 0);
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := NEW.touched + 1; RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.touch();
CREATE VIEW public.rich AS SELECT id, owner_name, balance FROM public.accounts WHERE balance > 100;
ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON public.accounts FOR SELECT USING (owner_name = current_user);
GRANT SELECT ON public.accounts TO sh_reader;
GRANT SELECT ON public.rich TO sh_reader;
COMMENT ON TABLE public.accounts IS 'customer accounts';
COMMENT ON COLUMN public.accounts.balance IS 'in cents';
