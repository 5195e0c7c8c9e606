CREATE TABLE people (id int PRIMARY KEY, first text, last text, born date);
CREATE INDEX people_name_idx ON people (lower(first), last, upper(last));
ALTER INDEX people_name_idx ALTER COLUMN 1 SET STATISTICS 500;
CREATE INDEX people_year_idx ON people (extract(year FROM born));
ALTER INDEX people_year_idx ALTER COLUMN 1 SET STATISTICS 200;
