CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    customer text NOT NULL,
    amount numeric(12,2) NOT NULL
);

-- sd_reader keeps SELECT, sd_writer loses DELETE/TRUNCATE/REFERENCES/TRIGGER, sd_owner loses all
GRANT SELECT ON invoices TO sd_reader;
GRANT SELECT, INSERT, UPDATE ON invoices TO sd_writer;
