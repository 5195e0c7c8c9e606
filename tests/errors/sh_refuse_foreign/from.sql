CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'h', dbname 'd');
CREATE FOREIGN TABLE public.ft (id integer NOT NULL, v integer) SERVER remote;
