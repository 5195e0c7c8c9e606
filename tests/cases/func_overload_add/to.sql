CREATE FUNCTION fmt_money(amount numeric) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT to_char(amount, 'FM999G999G990D00') $$;

-- a second function of the same name, with a currency
CREATE FUNCTION fmt_money(amount numeric, currency text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT to_char(amount, 'FM999G999G990D00') || ' ' || currency $$;

CREATE FUNCTION fmt_money(amount integer) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT amount::text || '.00' $$;
