-- changes that do rewrite the table
CREATE TABLE r (
    id integer PRIMARY KEY,
    n integer,
    s text,
    price numeric(8,2),
    c char(4)
);
CREATE INDEX r_n ON r (n);
CREATE TABLE lg (id integer PRIMARY KEY, v text);
INSERT INTO r VALUES (1, 1, '7', 1.25, 'ab'), (2, 2, '8', 2.5, 'cd');
INSERT INTO lg VALUES (1, 'x');
