CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    balance numeric(14,2) NOT NULL DEFAULT 0
);

CREATE FUNCTION total_balance() RETURNS numeric
LANGUAGE sql STABLE
AS $$ SELECT coalesce(sum(balance), 0) FROM accounts $$;

CREATE FUNCTION slugify(txt text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
BEGIN
    RETURN lower(regexp_replace(trim(txt), '[^a-zA-Z0-9]+', '-', 'g'));
END;
$$;
