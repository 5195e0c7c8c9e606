-- a role that may read the catalog but not the user mapping's options (not a
-- superuser, not the server's owner, not the mapped role)
CREATE ROLE fdw_lv_peeker LOGIN;
CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'app');
CREATE USER MAPPING FOR postgres SERVER remote OPTIONS (user 'app', password 'Lv-Hidden-Pw');
