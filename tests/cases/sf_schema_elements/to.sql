-- CREATE SCHEMA with schema elements: unqualified names go into the schema,
-- and the view (written before the table it reads) runs after it
CREATE SCHEMA app AUTHORIZATION CURRENT_USER
    CREATE VIEW active AS SELECT id, email FROM accounts WHERE NOT disabled
    CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, disabled boolean NOT NULL DEFAULT false,
                           seq_no bigint DEFAULT nextval('account_no'))
    CREATE SEQUENCE account_no
    CREATE INDEX accounts_email_idx ON accounts (lower(email))
    CREATE TABLE app.audit (account_id bigint REFERENCES accounts (id), at timestamptz DEFAULT now())
    GRANT SELECT ON active TO PUBLIC;
CLUSTER app.accounts USING accounts_email_idx;
