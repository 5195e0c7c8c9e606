-- from 17, pg_attribute.attstattarget is NULL for "the default", whether set by
-- SET STATISTICS DEFAULT (17 syntax) or SET STATISTICS -1
CREATE TABLE events (a integer, b integer, c integer);
ALTER TABLE events ALTER COLUMN a SET STATISTICS 200;
ALTER TABLE events ALTER COLUMN a SET STATISTICS DEFAULT;
ALTER TABLE events ALTER COLUMN b SET STATISTICS -1;
ALTER TABLE events ALTER COLUMN c SET STATISTICS 300;
