CREATE TABLE contacts (
    id integer PRIMARY KEY,
    email text,
    phone text
);
