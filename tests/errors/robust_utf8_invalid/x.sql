CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'café crÃ¨me';
