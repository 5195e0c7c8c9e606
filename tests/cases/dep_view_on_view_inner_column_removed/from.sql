CREATE TABLE people (
    id int PRIMARY KEY,
    name text NOT NULL,
    birthday date,
    phone text
);

CREATE VIEW people_public AS
    SELECT id, name, birthday, phone FROM people;

CREATE VIEW birthdays AS
    SELECT name, birthday FROM people_public WHERE birthday IS NOT NULL;
