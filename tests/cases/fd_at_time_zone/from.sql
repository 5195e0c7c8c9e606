CREATE TABLE logs (
    id integer PRIMARY KEY,
    msg text
);
