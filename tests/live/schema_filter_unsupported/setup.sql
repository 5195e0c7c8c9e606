\ir schema.sql
-- a schema the files do not manage holds objects the model does not hold yet
CREATE SCHEMA reporting;
CREATE TABLE reporting.facts (id integer, amount numeric);
CREATE AGGREGATE reporting.total(numeric) (SFUNC = numeric_add, STYPE = numeric);
CREATE FUNCTION reporting.rn() RETURNS bigint LANGUAGE internal WINDOW AS 'window_row_number';
