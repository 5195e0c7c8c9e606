CREATE TABLE notes (
    id integer,
    body text
);
