-- a migration history that renames an aggregate a view calls
CREATE TABLE sales (amount int);
CREATE AGGREGATE mysum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
CREATE VIEW sales_total AS SELECT mysum(amount) AS s FROM sales;
ALTER AGGREGATE mysum(int) RENAME TO total;

CREATE FUNCTION greatest_len(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE
    AS 'SELECT CASE WHEN length(b) > length(coalesce(a, '''')) THEN b ELSE a END';
CREATE AGGREGATE longest(text) (SFUNC = greatest_len, STYPE = text);
ALTER AGGREGATE longest(text) RENAME TO longest_text;
