CREATE TABLE users (
    id integer PRIMARY KEY
);
\d users
