-- an index COLLATE equal to the column's own collation: pg_get_indexdef leaves it out
CREATE SCHEMA index_collation;
CREATE TABLE index_collation.t (
    t text COLLATE "C"
);
CREATE INDEX t_c ON index_collation.t (t COLLATE "C");
