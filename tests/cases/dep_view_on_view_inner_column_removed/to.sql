CREATE TABLE people (
    id int PRIMARY KEY,
    name text NOT NULL,
    birthday date,
    phone text
);

-- phone is no longer public; birthdays itself is unchanged but depends on people_public
CREATE VIEW people_public AS
    SELECT id, name, birthday FROM people;

CREATE VIEW birthdays AS
    SELECT name, birthday FROM people_public WHERE birthday IS NOT NULL;
