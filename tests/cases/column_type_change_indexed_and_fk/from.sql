CREATE TABLE accounts (
    id integer PRIMARY KEY
);

CREATE TABLE transfers (
    id integer PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id)
);

CREATE INDEX transfers_account_id_idx ON transfers (account_id);
