CREATE TABLE people (id int PRIMARY KEY, first text, last text, born date);
CREATE INDEX people_name_idx ON people (lower(first), last, upper(last));
ALTER INDEX people_name_idx ALTER COLUMN 3 SET STATISTICS 1000;
-- rebuilt (its predicate changes): the target comes back with it
CREATE INDEX people_year_idx ON people (extract(year FROM born)) WHERE born IS NOT NULL;
ALTER INDEX people_year_idx ALTER COLUMN 1 SET STATISTICS 300;
CREATE INDEX people_new_idx ON people ((first || ' ' || last));
ALTER INDEX people_new_idx ALTER COLUMN 1 SET STATISTICS 50;
