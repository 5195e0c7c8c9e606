-- Rows that make two steps of v2.sql fail: a NULL where v2 wants NOT NULL, a duplicate where
-- it wants UNIQUE; a third step (a CHECK) passes.
CREATE TABLE members (id integer PRIMARY KEY, handle text, email text, age integer);
INSERT INTO members VALUES (1, 'ann', 'ann@example.com', 30), (2, NULL, 'bob@example.com', 41),
    (3, 'cy', 'ann@example.com', 25), (4, 'dee', 'dee@example.com', 52);
