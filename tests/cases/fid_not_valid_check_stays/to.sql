CREATE TABLE account (id integer PRIMARY KEY, balance integer NOT NULL);
INSERT INTO account VALUES (1, -5);
-- old rows may break the rule; new rows must keep it
ALTER TABLE account ADD CONSTRAINT account_balance_check CHECK (balance >= 0) NOT VALID;
CREATE TABLE owner (id integer PRIMARY KEY);
ALTER TABLE account ADD CONSTRAINT account_id_fkey FOREIGN KEY (id) REFERENCES owner (id) NOT VALID;
