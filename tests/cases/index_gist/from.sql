CREATE TABLE availability (
    id integer PRIMARY KEY,
    during tstzrange NOT NULL,
    location point
);
