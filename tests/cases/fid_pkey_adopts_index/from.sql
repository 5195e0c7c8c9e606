CREATE TABLE invoice (id integer NOT NULL, total numeric);
INSERT INTO invoice VALUES (1, 10);
CREATE UNIQUE INDEX invoice_pkey ON invoice (id);
