CREATE EXTENSION file_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
CREATE FOREIGN TABLE app_log (at timestamp with time zone, line text) SERVER files OPTIONS (filename '/dev/null', format 'text');
