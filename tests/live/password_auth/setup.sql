-- The cluster asks pw_user (only) for a scram-sha-256 password.
CREATE ROLE pw_user LOGIN PASSWORD 'RightPw';
GRANT CONNECT ON DATABASE :"db" TO pw_user;
\ir schema.sql
