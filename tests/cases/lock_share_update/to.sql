CREATE TABLE s (
    id integer PRIMARY KEY,
    a integer,
    b integer,
    CONSTRAINT s_a_positive CHECK (a > 0)
) WITH (fillfactor = 80);
ALTER TABLE s ALTER COLUMN a SET STATISTICS 500;
CREATE INDEX s_b ON s (b);
CREATE INDEX s_a ON s (a);
ALTER TABLE s CLUSTER ON s_b;
COMMENT ON TABLE s IS 'commented';
COMMENT ON COLUMN s.a IS 'a column';
CREATE STATISTICS s_ab ON a, b FROM s;
