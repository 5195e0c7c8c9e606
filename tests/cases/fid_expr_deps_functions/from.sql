CREATE TABLE doc (id integer PRIMARY KEY, body text, score integer);
