CREATE SCHEMA reporting;
CREATE VIEW reporting.totals AS SELECT count(*) AS n FROM sales.orders;
