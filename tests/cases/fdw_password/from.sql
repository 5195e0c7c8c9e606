CREATE EXTENSION postgres_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.example', dbname 'app');
CREATE USER MAPPING FOR sd_owner SERVER remote OPTIONS (user 'owner', password 'Pw-KeptOut-1');
