CREATE TABLE reading (id integer PRIMARY KEY, raw integer);
INSERT INTO reading VALUES (1, 10), (2, 20);
