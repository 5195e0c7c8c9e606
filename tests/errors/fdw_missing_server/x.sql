CREATE FOREIGN TABLE ft (id integer) SERVER nowhere;
