CREATE TABLE positions (
    id integer PRIMARY KEY,
    list_id integer NOT NULL,
    pos integer NOT NULL
);
