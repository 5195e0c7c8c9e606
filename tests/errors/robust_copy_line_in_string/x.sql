CREATE TABLE t (a int);
COMMENT ON TABLE t IS 'notes:
COPY t (a) FROM stdin;
';
CREATE TABLE lost (b int);
COMMENT ON TABLE lost IS '
\.
';
