CREATE TABLE people (id int PRIMARY KEY, full_name text);
CREATE VIEW named AS SELECT people.id, people.full_name AS name FROM people WHERE full_name <> '';
