CREATE FUNCTION is_valid_iban(v text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
BEGIN
    RETURN v ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$';
END;
$$;

CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    iban text NOT NULL,
    CONSTRAINT accounts_iban_check CHECK (is_valid_iban(iban))
);
