\ir schema.sql
-- data and sequence state are not schema
INSERT INTO customers (email, name) VALUES ('a@example.com', 'A');
SELECT nextval('invoice_no');
