-- A schema of most kinds the model holds; the database is built from this file.
CREATE SCHEMA billing;

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE SEQUENCE invoice_no START 1000 INCREMENT 10;

CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email varchar(200) NOT NULL UNIQUE,
    name text COLLATE "C" NOT NULL DEFAULT '',
    tags text[] NOT NULL DEFAULT '{}',
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_has_at CHECK (position('@' in email) > 1)
);
COMMENT ON TABLE customers IS 'people who buy';

CREATE TABLE "Order" (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    "user" text,
    status order_status NOT NULL DEFAULT 'pending',
    total numeric(12,2) NOT NULL CHECK (total >= 0),
    total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED,
    invoice integer DEFAULT nextval('invoice_no'),
    kind varchar(10) CHECK (kind IN ('retail', 'bulk'))
);

CREATE INDEX order_customer ON "Order" (customer_id);
CREATE INDEX order_open ON "Order" (customer_id) WHERE status <> 'shipped';
CREATE UNIQUE INDEX customers_lower_email ON customers (lower(email));

CREATE TABLE billing.ledger (
    id bigserial PRIMARY KEY,
    order_id integer REFERENCES "Order" (id),
    amount numeric NOT NULL,
    note text
);
COMMENT ON COLUMN billing.ledger.note IS 'free text';
