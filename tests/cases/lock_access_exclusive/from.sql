-- ACCESS EXCLUSIVE and friends: drops, NOT NULL, defaults, policies, row level
-- security, owners and grants, sequences
CREATE TABLE a (
    id integer PRIMARY KEY,
    email text,
    gone text,
    d integer
);
CREATE TABLE old_stuff (id serial PRIMARY KEY, v text);
CREATE INDEX old_stuff_v ON old_stuff (v);
CREATE SEQUENCE counter;
INSERT INTO a VALUES (1, 'x@y', 'g', 1);
INSERT INTO old_stuff (v) VALUES ('v');
