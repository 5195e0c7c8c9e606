CREATE TABLE events (
    id integer NOT NULL PRIMARY KEY,
    name text NOT NULL
);
