CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(255) NOT NULL,
    country varchar(2)
);
