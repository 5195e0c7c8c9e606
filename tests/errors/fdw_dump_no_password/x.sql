CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'h', sslpassword 'Dump-Ssl-Pw');
CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'u', password 'Dump-Secret-Pw');
CREATE FOREIGN TABLE ft (id integer OPTIONS (column_name 'ID')) SERVER s OPTIONS (api_token 'Dump-Token');
