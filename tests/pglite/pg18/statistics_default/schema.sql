CREATE TABLE events (a integer, b integer, c integer);
ALTER TABLE events ALTER COLUMN c SET STATISTICS 300;
