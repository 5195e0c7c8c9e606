\ir schema.sql
CREATE VIEW named AS SELECT id, name FROM t WHERE name IS NOT NULL;
