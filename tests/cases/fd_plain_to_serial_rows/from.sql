CREATE TABLE items (
    id integer PRIMARY KEY,
    name text
);
INSERT INTO items VALUES (3, 'a'), (17, 'b'), (9, 'c');
