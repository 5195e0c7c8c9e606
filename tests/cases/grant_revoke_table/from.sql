CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    customer text NOT NULL,
    amount numeric(12,2) NOT NULL
);

GRANT SELECT ON invoices TO sd_reader;
GRANT ALL PRIVILEGES ON invoices TO sd_writer;
GRANT SELECT, TRUNCATE ON invoices TO sd_owner;
