CREATE TABLE public.ledger (id integer PRIMARY KEY, account text NOT NULL, amount bigint NOT NULL DEFAULT 0,
    note text) WITH (fillfactor = 90);
CREATE UNIQUE INDEX ledger_ident ON public.ledger (id, account);
ALTER TABLE public.ledger REPLICA IDENTITY USING INDEX ledger_ident;
CREATE TABLE public.ledger_audit (n bigserial PRIMARY KEY, ledger_id integer, at timestamptz DEFAULT now());
CREATE RULE ledger_audit_rule AS ON DELETE TO public.ledger DO ALSO INSERT INTO public.ledger_audit (ledger_id) VALUES (OLD.id);
CREATE STATISTICS public.ledger_stats (dependencies) ON account, amount FROM public.ledger;
CREATE PUBLICATION ledger_pub FOR TABLE public.ledger (id, account, amount) WHERE (id > 0);
CREATE FUNCTION public.ledger_total() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT sum(amount) FROM public.ledger;
END;
