CREATE TABLE t (a int);
COPY t (a) FROM stdin;
\.

CREATE TABLE u (b int);
COPY u (b) FROM stdin;
1
\.
CREATE TABLE v (c int);
