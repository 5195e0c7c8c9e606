CREATE TABLE reviews (
    id integer PRIMARY KEY,
    rating smallint,
    body text,
    title varchar(100)
);
