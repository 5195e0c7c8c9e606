CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    iban text NOT NULL
);
