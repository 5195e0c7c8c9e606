-- a history that renames a column views read through *: they keep their output names
CREATE TABLE people (id int PRIMARY KEY, name text);
CREATE VIEW named AS SELECT * FROM people WHERE name <> '';
CREATE VIEW tagged AS SELECT p.*, 'x' AS tag FROM people p;
ALTER TABLE people RENAME COLUMN name TO full_name;
