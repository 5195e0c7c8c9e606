CREATE AGGREGATE total(integer) (STYPE = integer, INITCOND = '0');
