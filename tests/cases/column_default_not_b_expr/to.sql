-- Defaults the grammar takes only in parentheses (CREATE TABLE's DEFAULT is a
-- b_expr), and string casts to boolean, which the deparser prints as true/false.
CREATE TABLE flags (
    id integer PRIMARY KEY,
    a boolean DEFAULT 't'::boolean,
    b boolean DEFAULT 'f'::boolean,
    c boolean DEFAULT (NOT false),
    d boolean DEFAULT (1 IS NULL),
    e boolean DEFAULT ('x' IN ('a', 'b')),
    f boolean DEFAULT ('abc' LIKE 'a%'),
    g text DEFAULT ('a' COLLATE "C"),
    h numeric DEFAULT 1.5::numeric
);
CREATE TABLE made (
    id integer PRIMARY KEY,
    a boolean DEFAULT (true AND false),
    b boolean DEFAULT (2 BETWEEN 1 AND 3),
    c boolean DEFAULT 't'::boolean
);
