CREATE TABLE a (id int, name text);
CREATE TABLE b (name text, LIKE a);
