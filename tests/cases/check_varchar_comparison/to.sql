CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL CHECK (email <> '' AND email LIKE '%@%'),
    country varchar(2) CHECK (country = upper(country))
);
