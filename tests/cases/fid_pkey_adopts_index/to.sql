CREATE TABLE invoice (id integer NOT NULL, total numeric);
INSERT INTO invoice VALUES (1, 10);
ALTER TABLE invoice ADD CONSTRAINT invoice_pkey PRIMARY KEY (id);
