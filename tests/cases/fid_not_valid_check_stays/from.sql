CREATE TABLE account (id integer PRIMARY KEY, balance integer NOT NULL);
INSERT INTO account VALUES (1, -5);
