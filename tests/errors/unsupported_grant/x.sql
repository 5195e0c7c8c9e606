CREATE TABLE users (
    id integer PRIMARY KEY
);

GRANT SELECT ON users TO PUBLIC;
