CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example', dbname 'app');
-- the same password: unchanged; only its presence is compared
CREATE USER MAPPING FOR sd_owner SERVER remote OPTIONS (user 'owner2', password 'Pw-KeptOut-2');
-- a new mapping that needs one
CREATE USER MAPPING FOR sd_reader SERVER remote OPTIONS (user 'reader', password 'Pw-KeptOut-3');
