CREATE TABLE t (a int);
COPY t (a) FROM stdin;
1
\.
CREATE TABLE u (b int,,);
