CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(200) NOT NULL, created_at timestamptz DEFAULT now());
CREATE INDEX accounts_email_idx ON accounts (lower(email));
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint REFERENCES accounts (id), what text);
