CREATE FOREIGN DATA WRAPPER plain;
-- another value of a secret: the same state (only presence counts)
CREATE SERVER vault FOREIGN DATA WRAPPER plain OPTIONS (host 'w', secret_key 'Pw-KeptOut-4');
-- a new secret on a foreign table and on a new server
CREATE FOREIGN TABLE vaulted (id integer) SERVER vault OPTIONS (api_token 'Pw-KeptOut-5');
CREATE SERVER vault2 FOREIGN DATA WRAPPER plain OPTIONS (sslpassword 'Pw-KeptOut-7');
