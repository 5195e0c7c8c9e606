\connect app
CREATE TABLE users (
    id integer PRIMARY KEY
);
