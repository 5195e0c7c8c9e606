CREATE TABLE ledger (
    id integer NOT NULL,
    account integer NOT NULL,
    amount numeric NOT NULL
);
INSERT INTO ledger SELECT g, g % 5, g FROM generate_series(1, 100) g;
CREATE UNIQUE INDEX ledger_id ON ledger (id);
ALTER TABLE ledger REPLICA IDENTITY USING INDEX ledger_id;
CREATE TABLE accounts (
    id integer NOT NULL,
    code integer NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
INSERT INTO accounts SELECT g, g FROM generate_series(1, 5) g;
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_pkey;
