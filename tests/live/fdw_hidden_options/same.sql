CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (dbname 'app');
CREATE USER MAPPING FOR postgres SERVER remote OPTIONS (user 'app', password 'whatever');
