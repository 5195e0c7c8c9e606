CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, legacy_code text);
CREATE INDEX accounts_email_idx ON accounts (email);
