CREATE EXTENSION file_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE app_log (at timestamp with time zone, line text, level text) SERVER files OPTIONS (format 'csv', filename '/dev/null', header 'true');
ALTER FOREIGN TABLE app_log ALTER COLUMN level SET DEFAULT 'info';
