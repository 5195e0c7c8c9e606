CREATE TABLE prices (
    id integer PRIMARY KEY,
    amount numeric(12,2) NOT NULL CHECK (amount >= 0)
);
