CREATE FOREIGN DATA WRAPPER plain;
CREATE SERVER vault FOREIGN DATA WRAPPER plain OPTIONS (host 'v', secret_key 'Pw-KeptOut-6');
CREATE FOREIGN TABLE vaulted (id integer) SERVER vault;
