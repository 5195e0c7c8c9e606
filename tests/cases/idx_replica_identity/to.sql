CREATE TABLE ledger (
    id integer NOT NULL,
    account integer NOT NULL,
    amount numeric NOT NULL
);
CREATE UNIQUE INDEX ledger_id ON ledger (id, account);
ALTER TABLE ledger REPLICA IDENTITY USING INDEX ledger_id;
CREATE TABLE accounts (
    id integer NOT NULL,
    code integer NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id, code)
);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_pkey;
