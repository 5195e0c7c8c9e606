CREATE TABLE shop.customers (
    id          bigserial PRIMARY KEY,
    email       varchar(254) NOT NULL UNIQUE,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    marketing_opt_in boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE shop.customers IS 'People who buy things';
COMMENT ON COLUMN shop.customers.marketing_opt_in IS 'Consent recorded at sign-up';
CREATE INDEX customers_lower_email_idx ON shop.customers (lower(email));
