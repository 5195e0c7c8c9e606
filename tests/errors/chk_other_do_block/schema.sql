CREATE TABLE accounts (id int PRIMARY KEY, kind text, plan text);
COMMENT ON TABLE accounts IS 'audited';
