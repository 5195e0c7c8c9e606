CREATE SCHEMA billing;

CREATE TYPE billing.invoice_state AS ENUM ('draft', 'sent', 'paid');
CREATE TYPE billing.amount AS (value numeric(14,2), currency char(3));
CREATE DOMAIN billing.positive_amount AS numeric(14,2) CHECK (VALUE > 0);
CREATE SEQUENCE billing.invoice_no_seq;

CREATE TABLE billing.invoices (
    id bigint PRIMARY KEY,
    state billing.invoice_state NOT NULL DEFAULT 'draft',
    total billing.positive_amount NOT NULL
);

CREATE VIEW billing.open_invoices AS
    SELECT id, total FROM billing.invoices WHERE state <> 'paid';

CREATE MATERIALIZED VIEW billing.totals_by_state AS
    SELECT state, sum(total) AS total FROM billing.invoices GROUP BY state;

CREATE FUNCTION billing.next_invoice_no() RETURNS bigint
    LANGUAGE sql AS $$ SELECT nextval('billing.invoice_no_seq') $$;

CREATE PROCEDURE billing.close_all()
    LANGUAGE sql AS $$ UPDATE billing.invoices SET state = 'paid' $$;

-- the current owners, stated (a file without OWNER TO does not say who owns: nothing to compare)
ALTER SCHEMA billing OWNER TO postgres;
ALTER TYPE billing.invoice_state OWNER TO postgres;
ALTER TYPE billing.amount OWNER TO postgres;
ALTER DOMAIN billing.positive_amount OWNER TO postgres;
ALTER SEQUENCE billing.invoice_no_seq OWNER TO postgres;
ALTER TABLE billing.invoices OWNER TO postgres;
ALTER VIEW billing.open_invoices OWNER TO postgres;
ALTER MATERIALIZED VIEW billing.totals_by_state OWNER TO postgres;
ALTER FUNCTION billing.next_invoice_no() OWNER TO postgres;
ALTER PROCEDURE billing.close_all() OWNER TO postgres;
