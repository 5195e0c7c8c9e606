CREATE TABLE t (a text, b text);
CREATE TABLE r (id integer PRIMARY KEY);
