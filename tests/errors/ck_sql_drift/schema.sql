CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'meh', 'great');
CREATE TABLE app.users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    mood app.mood,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE app.invoice_no;
CREATE TABLE app.invoices (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES app.users (id),
    total numeric(10,2) CHECK (total >= 0)
);
CREATE INDEX invoices_user_idx ON app.invoices (user_id);
