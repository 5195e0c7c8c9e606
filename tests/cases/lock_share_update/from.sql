-- SHARE UPDATE EXCLUSIVE: statistics, storage parameters, CLUSTER ON, VALIDATE,
-- COMMENT ON, CONCURRENTLY index builds and drops, CREATE STATISTICS
CREATE TABLE s (
    id integer PRIMARY KEY,
    a integer,
    b integer,
    CONSTRAINT s_a_positive CHECK (a > 0) NOT VALID
);
CREATE INDEX s_b ON s (b);
CREATE INDEX s_old ON s (a, b);
INSERT INTO s VALUES (1, 1, 1), (2, 2, 2);
