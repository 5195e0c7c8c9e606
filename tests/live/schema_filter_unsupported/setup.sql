\ir schema.sql
-- a schema the files do not manage holds objects the model does not hold yet
CREATE SCHEMA reporting;
CREATE TABLE reporting.facts (id integer, amount numeric);
CREATE AGGREGATE reporting.total(numeric) (SFUNC = numeric_add, STYPE = numeric);
CREATE STATISTICS reporting.facts_stats ON id, amount FROM reporting.facts;
