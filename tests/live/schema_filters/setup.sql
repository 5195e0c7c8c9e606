\ir schema.sql
-- drift in legacy only
ALTER TABLE legacy.accounts ALTER COLUMN login DROP DEFAULT;
CREATE TABLE legacy.old_sessions (id integer);
