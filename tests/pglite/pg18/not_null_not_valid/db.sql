-- from 18, NOT NULL can be added NOT VALID: pg_attribute.attnotnull is true, but the
-- pg_constraint row has convalidated = false and the table still holds a NULL
CREATE TABLE accounts (id integer, email text);
INSERT INTO accounts VALUES (1, NULL);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null NOT NULL email NOT VALID;
