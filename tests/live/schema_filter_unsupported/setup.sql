\ir schema.sql
-- a schema the files do not manage holds objects the model does not hold yet
CREATE SCHEMA reporting;
CREATE TABLE reporting.facts (id integer, amount numeric);
CREATE VIEW reporting.totals AS SELECT sum(amount) AS total FROM reporting.facts;
CREATE FUNCTION reporting.double(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 * 2';
