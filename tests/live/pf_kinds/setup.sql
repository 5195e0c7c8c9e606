-- One violation (or a few) of every kind of step that existing rows can make fail.
CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok');
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text,
    age integer,
    code text,
    name character varying(50),
    price numeric(10,2),
    n text,
    flag text,
    token text,
    m text
);
INSERT INTO users VALUES
    (1, NULL, 5, 'a', 'short', 12345.67, '12', 'yes', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy'),
    (2, 'x@example.com', -1, 'a', 'a name longer than ten', 1.5, 'n/a', 'maybe', 'not-a-uuid', 'sad'),
    (3, 'x@example.com', 30, 'b', 'bob', 99999999.99, ' 42 ', 'f', NULL, 'ok'),
    (4, NULL, 40, NULL, 'ten chars ', NULL, '99999999999', 'on', '{A0EEBC999C0B4EF8BB6D6BB9BD380A11}', NULL),
    (5, 'z@example.com', NULL, 'c', NULL, 9999.99, NULL, NULL, NULL, 'grumpy');
-- no primary key: rows are named by their ctid
CREATE TABLE orders (user_id integer, note text);
INSERT INTO orders VALUES (1, 'a'), (99, 'b'), (NULL, 'c'), (77, 'd');
-- a composite foreign key, MATCH FULL: (NULL, 1) fails, (NULL, NULL) passes
CREATE TABLE pairs (a integer, b integer, PRIMARY KEY (a, b));
INSERT INTO pairs VALUES (1, 1);
CREATE TABLE refs (id integer PRIMARY KEY, a integer, b integer);
INSERT INTO refs VALUES (1, 1, 1), (2, NULL, 1), (3, NULL, NULL), (4, 2, 2);
-- an enum losing a label that rows use, in a column and an array column
CREATE TABLE feelings (k integer PRIMARY KEY, m mood, ms mood[]);
INSERT INTO feelings VALUES (1, 'happy', '{sad}'), (2, 'sad', '{happy,ok}'), (3, 'ok', NULL);
-- a primary key over duplicates and NULLs, a unique expression index
CREATE TABLE tags (name text, lower_dup text);
INSERT INTO tags VALUES ('a', 'X'), ('a', 'x'), (NULL, 'y');
-- a NOT VALID check the plan validates
CREATE TABLE stock (id integer PRIMARY KEY, qty integer);
INSERT INTO stock VALUES (1, 5), (2, -3);
ALTER TABLE stock ADD CONSTRAINT stock_qty_check CHECK (qty >= 0) NOT VALID;
