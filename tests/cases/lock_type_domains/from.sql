-- type changes PostgreSQL 15 makes without rewriting the table, through
-- domains and the planner support functions, each column indexed: whether
-- the index keeps its storage (its operator class fits the new type) or is
-- built again (int -> oid, bit -> varbit, timestamp -> timestamptz) is
-- checked by run_locks.py against the index_rebuild hazard
CREATE DOMAIN v3 AS varchar(3);
CREATE DOMAIN v5 AS varchar(5);
CREATE DOMAIN tx AS text;
CREATE TABLE d (
    id integer PRIMARY KEY,
    a v3,
    b tx,
    e varchar(3),
    f text,
    g timetz(2),
    h bit(3),
    i integer,
    j timestamp,
    k interval day,
    l time(2)
);
CREATE INDEX d_a ON d (a);
CREATE INDEX d_b ON d (b);
CREATE INDEX d_e ON d (e);
CREATE INDEX d_f ON d (f);
CREATE INDEX d_g ON d (g);
CREATE INDEX d_h ON d (h);
CREATE INDEX d_i ON d (i);
CREATE INDEX d_j ON d (j);
CREATE INDEX d_k ON d (k);
CREATE INDEX d_l ON d (l);
INSERT INTO d VALUES (1, 'ab', 'x', 'abc', 'y', '10:00:00.12+02', B'101', 7, '2024-01-01 10:00', '3 days', '10:00:00.25'),
                     (2, 'c', 'z', 'c', 'w', '11:00:00+00', B'011', 9, '2024-06-01 10:00', '1 day', '11:00:00');
